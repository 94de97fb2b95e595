#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace kiosk::store {

using Bytes = std::vector<std::uint8_t>;
using Digest = std::array<std::uint8_t, 32>;

Digest sha256(std::span<const std::uint8_t> data);
Digest sha256(std::string_view data);
Digest hmac_sha256(std::span<const std::uint8_t> key, std::string_view data);
std::string hex(std::span<const std::uint8_t> data);
std::string sha256_hex(std::span<const std::uint8_t> data);
// Cryptographically random bytes from OpenSSL's DRBG.
Bytes random_bytes(std::size_t n);

}  // namespace kiosk::store
