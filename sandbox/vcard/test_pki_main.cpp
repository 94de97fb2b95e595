// Build step: the test PKI (CSCA -> Document Signers, AA and CA keys) and a
// synthetic portrait per demo citizen, written into the build tree. Private
// keys exist only there, never in the repository.
#include <openjpeg.h>
#include <openssl/pem.h>
#include <openssl/x509v3.h>

#include <cmath>
#include <filesystem>
#include <iostream>
#include <stdexcept>

#include "kiosk/crypto/openssl_handles.hpp"
#include "sandbox/vcard/demo_citizens.hpp"

namespace {
namespace fs = std::filesystem;
namespace ossl = kiosk::ossl;

ossl::Pkey generate(const std::string& kind) {
  EVP_PKEY* key = kind == "rsa" ? EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", static_cast<size_t>(2048))
                                : EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256");
  if (!key)
    throw std::runtime_error("key generation failed");
  return ossl::Pkey(key);
}

void write_key(const fs::path& path, EVP_PKEY* key) {
  ossl::Bio bio(BIO_new_file(path.c_str(), "w"));
  if (!bio || PEM_write_bio_PrivateKey(bio.get(), key, nullptr, nullptr, 0, nullptr, nullptr) != 1) {
    throw std::runtime_error("cannot write " + path.string());
  }
  fs::permissions(path, fs::perms::owner_read | fs::perms::owner_write);
}

void write_cert(const fs::path& path, X509* cert) {
  ossl::Bio bio(BIO_new_file(path.c_str(), "w"));
  if (!bio || PEM_write_bio_X509(bio.get(), cert) != 1)
    throw std::runtime_error("cannot write " + path.string());
}

void add_ext(X509* cert, X509* issuer, int nid, const char* value) {
  X509V3_CTX ctx;
  X509V3_set_ctx(&ctx, issuer, cert, nullptr, nullptr, 0);
  X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value);
  if (!ext)
    throw std::runtime_error("bad certificate extension");
  X509_add_ext(cert, ext, -1);
  X509_EXTENSION_free(ext);
}

// Validity as offsets in days from now.
ossl::X509Ptr certificate(const std::string& cn, EVP_PKEY* key, X509* issuer, EVP_PKEY* issuer_key,
                          long from_days, long to_days, bool ca, long serial) {
  ossl::X509Ptr cert(X509_new());
  X509_set_version(cert.get(), 2);
  ASN1_INTEGER_set(X509_get_serialNumber(cert.get()), serial);
  X509_NAME* name = X509_get_subject_name(cert.get());
  X509_NAME_add_entry_by_txt(name, "C", MBSTRING_ASC, reinterpret_cast<const unsigned char*>("VN"), -1, -1,
                             0);
  X509_NAME_add_entry_by_txt(name, "O", MBSTRING_ASC,
                             reinterpret_cast<const unsigned char*>("Kiosk test PKI"), -1, -1, 0);
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, reinterpret_cast<const unsigned char*>(cn.c_str()), -1,
                             -1, 0);
  X509_set_issuer_name(cert.get(), issuer ? X509_get_subject_name(issuer) : name);
  X509_time_adj_ex(X509_getm_notBefore(cert.get()), static_cast<int>(from_days), 0, nullptr);
  X509_time_adj_ex(X509_getm_notAfter(cert.get()), static_cast<int>(to_days), 0, nullptr);
  X509_set_pubkey(cert.get(), key);
  X509* signer = issuer ? issuer : cert.get();
  if (ca) {
    add_ext(cert.get(), signer, NID_basic_constraints, "critical,CA:TRUE,pathlen:0");
    add_ext(cert.get(), signer, NID_key_usage, "critical,keyCertSign,cRLSign");
  } else {
    add_ext(cert.get(), signer, NID_key_usage, "critical,digitalSignature");
  }
  add_ext(cert.get(), signer, NID_subject_key_identifier, "hash");
  if (X509_sign(cert.get(), issuer_key ? issuer_key : key, EVP_sha256()) <= 0) {
    throw std::runtime_error("certificate signing failed");
  }
  return cert;
}

// A simple portrait: background, shoulders, face, hair, eyes, mouth; the
// colours vary by citizen so faces are told apart on screen.
void write_face(const fs::path& path, int seed) {
  constexpr int w = 160, h = 200;
  opj_image_cmptparm_t parms[3];
  for (auto& p : parms) {
    p = opj_image_cmptparm_t{};
    p.dx = p.dy = 1;
    p.w = w;
    p.h = h;
    p.prec = 8;
    p.sgnd = 0;
  }
  opj_image_t* image = opj_image_create(3, parms, OPJ_CLRSPC_SRGB);
  image->x1 = w;
  image->y1 = h;
  const int skin[3] = {224 - seed * 9 % 40, 182 - seed * 7 % 40, 150 - seed * 5 % 40};
  const int hair[3] = {30 + seed * 13 % 60, 25 + seed * 5 % 30, 20};
  const int shirt[3] = {40 + seed * 37 % 200, 80 + seed * 53 % 150, 160 - seed * 29 % 120};
  for (int y = 0; y < h; ++y) {
    for (int x = 0; x < w; ++x) {
      int c[3] = {235, 240, 250};
      const double fx = (x - 80) / 42.0, fy = (y - 95) / 55.0;
      const double hx = (x - 80) / 48.0, hy = (y - 75) / 50.0;
      if (y > 160 && std::abs(x - 80) < 20 + (y - 160) * 2)
        std::copy(shirt, shirt + 3, c);
      if (hx * hx + hy * hy < 1.0 && y < 90)
        std::copy(hair, hair + 3, c);
      if (fx * fx + fy * fy < 1.0 && y >= 62)
        std::copy(skin, skin + 3, c);
      const bool eye = (std::pow(x - 64, 2) + std::pow(y - 88, 2) < 16) ||
                       (std::pow(x - 96, 2) + std::pow(y - 88, 2) < 16);
      if (eye)
        c[0] = c[1] = c[2] = 40;
      if (y >= 120 && y <= 124 && std::abs(x - 80) < 14)
        c[0] = 170, c[1] = 70, c[2] = 70;
      for (int k = 0; k < 3; ++k)
        image->comps[k].data[y * w + x] = c[k];
    }
  }
  opj_cparameters_t params;
  opj_set_default_encoder_parameters(&params);
  params.tcp_numlayers = 1;
  params.tcp_rates[0] = 12;
  params.cp_disto_alloc = 1;
  params.numresolution = 4;
  opj_codec_t* codec = opj_create_compress(OPJ_CODEC_JP2);
  opj_stream_t* stream = opj_stream_create_default_file_stream(path.c_str(), OPJ_FALSE);
  const bool ok = codec && stream && opj_setup_encoder(codec, &params, image) &&
                  opj_start_compress(codec, image, stream) && opj_encode(codec, stream) &&
                  opj_end_compress(codec, stream);
  if (stream)
    opj_stream_destroy(stream);
  if (codec)
    opj_destroy_codec(codec);
  opj_image_destroy(image);
  if (!ok)
    throw std::runtime_error("cannot encode " + path.string());
}
}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: kiosk-vcard-pki CITIZENS_JSON OUT_DIR\n";
    return 2;
  }
  try {
    const fs::path out = argv[2];
    fs::create_directories(out / "csca");
    fs::create_directories(out / "faces");
    const ossl::Pkey csca_key = generate("rsa");
    const ossl::X509Ptr csca =
        certificate("CSCA Viet Nam (test)", csca_key.get(), nullptr, nullptr, -1, 3650, true, 1);
    write_cert(out / "csca" / "csca.pem", csca.get());
    const ossl::Pkey rogue_key = generate("ec");
    const ossl::X509Ptr rogue =
        certificate("Rogue CSCA (test)", rogue_key.get(), nullptr, nullptr, -1, 3650, true, 2);
    write_cert(out / "rogue-csca.pem", rogue.get());

    struct Ds {
      const char* name;
      const char* kind;
      X509* issuer;
      EVP_PKEY* issuer_key;
      long from, to;
    };
    const Ds signers[] = {
        {"rsa-pkcs1", "rsa", csca.get(), csca_key.get(), -1, 1825},
        {"rsa-pss", "rsa", csca.get(), csca_key.get(), -1, 1825},
        {"ecdsa", "ec", csca.get(), csca_key.get(), -1, 1825},
        {"expired", "rsa", csca.get(), csca_key.get(), -800, -30},
        {"untrusted", "ec", rogue.get(), rogue_key.get(), -1, 1825},
    };
    long serial = 10;
    for (const auto& s : signers) {
      const ossl::Pkey key = generate(s.kind);
      const ossl::X509Ptr cert = certificate(std::string("Document Signer ") + s.name + " (test)", key.get(),
                                             s.issuer, s.issuer_key, s.from, s.to, false, serial++);
      write_key(out / ("ds-" + std::string(s.name) + ".key"), key.get());
      write_cert(out / ("ds-" + std::string(s.name) + ".pem"), cert.get());
    }
    write_key(out / "aa-rsa.key", generate("rsa").get());
    write_key(out / "aa-clone.key", generate("rsa").get());
    write_key(out / "chip-ec.key", generate("ec").get());
    write_key(out / "chip-clone.key", generate("ec").get());

    int seed = 1;
    for (const auto& c : kiosk::vcard::load_demo_citizens(argv[1]))
      write_face(out / "faces" / (c.id + ".jp2"), seed++);
  } catch (const std::exception& e) {
    std::cerr << "kiosk-vcard-pki: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
