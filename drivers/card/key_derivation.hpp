#pragma once
// ICAO 9303 Part 11, 9.7.1: keys derived from a shared secret and a counter.
#include <cstdint>

#include "drivers/card/bytes.hpp"

namespace kiosk::card {

enum class CipherKind { Des3, Aes128, Aes192, Aes256 };

inline constexpr std::uint32_t kKdfEnc = 1;
inline constexpr std::uint32_t kKdfMac = 2;
inline constexpr std::uint32_t kKdfPassword = 3;

Bytes derive_key(ByteView secret, std::uint32_t counter, CipherKind kind);

struct SessionKeys {
  CipherKind kind = CipherKind::Des3;
  Bytes k_enc;
  Bytes k_mac;
  Bytes ssc;  // 8 bytes for 3DES, 16 for AES

  void wipe();
};

}  // namespace kiosk::card
