#include "sandbox/generator/test_pki.hpp"

#include <atomic>
#include <stdexcept>

#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/x509v3.h>

namespace kiosk::sandbox {
namespace {

[[noreturn]] void fail(const std::string& what) {
  const unsigned long err = ERR_get_error();
  char buf[256] = "";
  if (err != 0) {
    ERR_error_string_n(err, buf, sizeof buf);
  }
  ERR_clear_error();
  throw std::runtime_error(what + ": " + buf);
}

void add_extension(X509& cert, const X509* issuer, int nid, const std::string& value) {
  X509V3_CTX ctx;
  X509V3_set_ctx_nodb(&ctx);
  X509V3_set_ctx(&ctx, issuer != nullptr ? const_cast<X509*>(issuer) : &cert, &cert, nullptr, nullptr, 0);
  X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value.c_str());
  if (ext == nullptr) {
    fail("certificate extension " + value);
  }
  const int ok = X509_add_ext(&cert, ext, -1);
  X509_EXTENSION_free(ext);
  if (ok != 1) {
    fail("adding certificate extension");
  }
}

std::string join(const std::vector<std::string>& parts) {
  std::string out;
  for (const auto& p : parts) {
    out += (out.empty() ? "" : ",") + p;
  }
  return out;
}

}  // namespace

ossl::Pkey generate_key(KeyType type) {
  EVP_PKEY* key = type == KeyType::kRsa2048 ? EVP_RSA_gen(2048) : EVP_EC_gen("P-256");
  if (key == nullptr) {
    fail("key generation");
  }
  return ossl::Pkey(key);
}

Issued issue(const CertRequest& request, KeyType type, const Issued* issuer) {
  static std::atomic<long> serial{1000};
  Issued out{generate_key(type), ossl::X509Ptr(X509_new())};
  X509* cert = out.cert.get();
  X509_set_version(cert, 2);
  ASN1_INTEGER_set(X509_get_serialNumber(cert), serial++);
  if (request.valid_since_1980) {
    ASN1_TIME_set_string(X509_getm_notBefore(cert), "19800101000000Z");
  } else {
    X509_gmtime_adj(X509_getm_notBefore(cert), -24L * 3600);
  }
  X509_gmtime_adj(X509_getm_notAfter(cert), static_cast<long>(request.valid_days) * 24 * 3600);
  X509_set_pubkey(cert, out.key.get());
  X509_NAME* name = X509_get_subject_name(cert);
  const auto add = [&](const char* field, const std::string& value) {
    if (!value.empty() &&
        X509_NAME_add_entry_by_txt(name, field, MBSTRING_UTF8,
                                   reinterpret_cast<const unsigned char*>(value.c_str()), -1, -1, 0) != 1) {
      fail(std::string("subject ") + field);
    }
  };
  add("C", "VN");
  add("O", request.organization);
  add("CN", request.common_name);
  const X509* issuer_cert = issuer != nullptr ? issuer->cert.get() : nullptr;
  X509_set_issuer_name(cert, issuer_cert != nullptr ? X509_get_subject_name(issuer_cert) : name);
  add_extension(*cert, issuer_cert, NID_subject_key_identifier, "hash");
  add_extension(*cert, issuer_cert, NID_authority_key_identifier, "keyid:always");
  switch (request.role) {
    case CertRole::kCa:
      add_extension(*cert, issuer_cert, NID_basic_constraints, "critical,CA:TRUE");
      add_extension(*cert, issuer_cert, NID_key_usage, "critical,keyCertSign,cRLSign,digitalSignature");
      break;
    case CertRole::kTlsServer:
      add_extension(*cert, issuer_cert, NID_basic_constraints, "critical,CA:FALSE");
      add_extension(*cert, issuer_cert, NID_key_usage, "critical,digitalSignature,keyEncipherment");
      add_extension(*cert, issuer_cert, NID_ext_key_usage, "serverAuth");
      break;
    case CertRole::kTlsClient:
      add_extension(*cert, issuer_cert, NID_basic_constraints, "critical,CA:FALSE");
      add_extension(*cert, issuer_cert, NID_key_usage, "critical,digitalSignature");
      add_extension(*cert, issuer_cert, NID_ext_key_usage, "clientAuth");
      break;
    case CertRole::kDocumentSigner:
      add_extension(*cert, issuer_cert, NID_basic_constraints, "critical,CA:FALSE");
      add_extension(*cert, issuer_cert, NID_key_usage, "critical,digitalSignature,nonRepudiation");
      add_extension(*cert, issuer_cert, NID_ext_key_usage, "emailProtection");
      break;
  }
  if (!request.subject_alt_names.empty()) {
    add_extension(*cert, issuer_cert, NID_subject_alt_name, join(request.subject_alt_names));
  }
  EVP_PKEY* signing_key = issuer != nullptr ? issuer->key.get() : out.key.get();
  if (X509_sign(cert, signing_key, EVP_sha256()) <= 0) {
    fail("certificate signature");
  }
  return out;
}

void write_cert_pem(const X509& cert, const std::string& path) {
  ossl::Bio bio(BIO_new_file(path.c_str(), "w"));
  if (!bio || PEM_write_bio_X509(bio.get(), const_cast<X509*>(&cert)) != 1) {
    fail("writing " + path);
  }
}

void write_key_pem(const EVP_PKEY& key, const std::string& path) {
  ossl::Bio bio(BIO_new_file(path.c_str(), "w"));
  if (!bio || PEM_write_bio_PrivateKey(bio.get(), &key, nullptr, nullptr, 0, nullptr, nullptr) != 1) {
    fail("writing " + path);
  }
}

std::string subject_of(const X509& cert) {
  ossl::Bio bio(BIO_new(BIO_s_mem()));
  X509_NAME_print_ex(bio.get(), X509_get_subject_name(&cert), 0, XN_FLAG_RFC2253 & ~ASN1_STRFLGS_ESC_MSB);
  char* data = nullptr;
  const long n = BIO_get_mem_data(bio.get(), &data);
  return std::string(data, static_cast<std::size_t>(n));
}

}  // namespace kiosk::sandbox
