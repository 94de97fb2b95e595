#pragma once

#include <memory>
#include <string>

#include "kiosk/crypto/openssl_handles.hpp"

namespace kiosk::sandbox {

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
  ossl::MdCtx ctx_;
};

}  // namespace kiosk::sandbox
