#include "test_pki.hpp"

#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <sys/wait.h>
#include <array>
#include <cstdio>
#include <memory>
#include <stdexcept>

namespace kiosk::pdf::testing {
namespace {

using KeyPtr = std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)>;
using CertPtr = std::unique_ptr<X509, decltype(&X509_free)>;

KeyPtr new_key() {
  return KeyPtr(EVP_EC_gen("P-256"), EVP_PKEY_free);
}

void add_extension(X509* cert, X509* issuer, int nid, const char* value) {
  X509V3_CTX ctx;
  X509V3_set_ctx_nodb(&ctx);
  X509V3_set_ctx(&ctx, issuer, cert, nullptr, nullptr, 0);
  X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value);
  if (ext == nullptr) {
    throw std::runtime_error("extension");
  }
  X509_add_ext(cert, ext, -1);
  X509_EXTENSION_free(ext);
}

CertPtr make_cert(EVP_PKEY* key, const std::string& cn, X509* issuer, EVP_PKEY* issuer_key, bool ca,
                  long serial) {
  CertPtr cert(X509_new(), X509_free);
  X509_set_version(cert.get(), 2);
  ASN1_INTEGER_set(X509_get_serialNumber(cert.get()), serial);
  X509_gmtime_adj(X509_getm_notBefore(cert.get()), -3600);
  X509_gmtime_adj(X509_getm_notAfter(cert.get()), 60L * 60 * 24 * 3650);
  X509_set_pubkey(cert.get(), key);
  X509_NAME* name = X509_get_subject_name(cert.get());
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8, reinterpret_cast<const unsigned char*>(cn.c_str()),
                             -1, -1, 0);
  X509* signer_cert = issuer != nullptr ? issuer : cert.get();
  X509_set_issuer_name(cert.get(), X509_get_subject_name(signer_cert));
  if (ca) {
    add_extension(cert.get(), signer_cert, NID_basic_constraints, "critical,CA:TRUE");
    add_extension(cert.get(), signer_cert, NID_key_usage, "critical,keyCertSign,cRLSign");
  } else {
    add_extension(cert.get(), signer_cert, NID_basic_constraints, "CA:FALSE");
    add_extension(cert.get(), signer_cert, NID_key_usage, "critical,digitalSignature,nonRepudiation");
  }
  add_extension(cert.get(), signer_cert, NID_subject_key_identifier, "hash");
  if (X509_sign(cert.get(), issuer_key, EVP_sha256()) == 0) {
    throw std::runtime_error("sign certificate");
  }
  return cert;
}

void write_pem(const std::filesystem::path& path, EVP_PKEY* key, X509* cert) {
  std::unique_ptr<std::FILE, decltype(&std::fclose)> file(std::fopen(path.c_str(), "wb"), std::fclose);
  if (!file) {
    throw std::runtime_error("open " + path.string());
  }
  if (key != nullptr) {
    PEM_write_PrivateKey(file.get(), key, nullptr, nullptr, 0, nullptr, nullptr);
  }
  if (cert != nullptr) {
    PEM_write_X509(file.get(), cert);
  }
}

}  // namespace

TestPki make_test_pki(const std::filesystem::path& dir, const std::string& device_common_name) {
  std::filesystem::create_directories(dir);
  TestPki pki{dir, dir / "ca.pem", dir / "device.key", dir / "device.pem", dir / "other.key"};
  KeyPtr ca_key = new_key();
  CertPtr ca = make_cert(ca_key.get(), "Kiosk Test CA", nullptr, ca_key.get(), true, 1);
  KeyPtr device_key = new_key();
  CertPtr device = make_cert(device_key.get(), device_common_name, ca.get(), ca_key.get(), false, 2);
  KeyPtr other = new_key();
  write_pem(pki.ca_pem, nullptr, ca.get());
  write_pem(pki.device_key, device_key.get(), nullptr);
  write_pem(pki.device_pem, nullptr, device.get());
  write_pem(pki.other_key, other.get(), nullptr);
  return pki;
}

int run_command(const std::string& command, std::string& output) {
  output.clear();
  std::FILE* pipe = popen((command + " 2>&1").c_str(), "r");
  if (pipe == nullptr) {
    return -1;
  }
  std::array<char, 4096> buf{};
  std::size_t n = 0;
  while ((n = std::fread(buf.data(), 1, buf.size(), pipe)) > 0) {
    output.append(buf.data(), n);
  }
  const int status = pclose(pipe);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

}  // namespace kiosk::pdf::testing

#include <fstream>
#include <iterator>

#include "drivers/pdf/pdf_writer_util.hpp"

namespace kiosk::pdf::testing {

std::vector<std::uint8_t> make_sample_pdf(bool xref_stream) {
  PdfObjectWriter out;
  out.append("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n");
  std::map<int, std::pair<std::size_t, int>> objects;
  objects[1] = {out.offset(), 0};
  out.append("1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n");
  objects[2] = {out.offset(), 0};
  out.append("2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 /MediaBox [0 0 595.28 841.89] >>\nendobj\n");
  objects[3] = {out.offset(), 0};
  out.append("3 0 obj\n<< /Type /Page /Parent 2 0 R /Contents 4 0 R /Resources << >> >>\nendobj\n");
  const std::string content = "0.5 g 150 300 300 250 re f\n";
  objects[4] = {out.offset(), 0};
  out.append_stream(4, "", reinterpret_cast<const std::uint8_t*>(content.data()), content.size(), true);
  out.append_xref(objects, 5, "/Root 1 0 R\n", xref_stream, true);
  return std::move(out).take();
}

void write_file(const std::filesystem::path& path, const std::vector<std::uint8_t>& bytes) {
  std::ofstream out(path, std::ios::binary);
  out.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
}

std::vector<std::uint8_t> read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

}  // namespace kiosk::pdf::testing
