#pragma once

#include <memory>
#include <string>

#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/x509.h>

namespace kiosk::sandbox {

template <auto Free>
struct OpensslFree {
  template <class T>
  void operator()(T* p) const {
    Free(p);
  }
};

using KeyPtr = std::unique_ptr<EVP_PKEY, OpensslFree<EVP_PKEY_free>>;
using CertPtr = std::unique_ptr<X509, OpensslFree<X509_free>>;
using BioPtr = std::unique_ptr<BIO, OpensslFree<BIO_free_all>>;
using MdCtxPtr = std::unique_ptr<EVP_MD_CTX, OpensslFree<EVP_MD_CTX_free>>;

// Lowercase hex SHA-256 of a byte range.
std::string sha256_hex(const void* data, std::size_t size);
inline std::string sha256_hex(const std::string& s) {
  return sha256_hex(s.data(), s.size());
}

// Incremental SHA-256 for data that arrives in pieces.
class Sha256 {
 public:
  Sha256();
  void update(const void* data, std::size_t size);
  std::string hex_digest();

 private:
  MdCtxPtr ctx_;
};

}  // namespace kiosk::sandbox
