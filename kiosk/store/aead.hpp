#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string_view>

#include "kiosk/core/result.hpp"
#include "kiosk/store/digest.hpp"

namespace kiosk::store {

using Key256 = std::array<std::uint8_t, 32>;

// AES-256-GCM. The sealed form is nonce (12) || ciphertext || tag (16); the
// associated data binds a sealed value to where it is stored.
Result<Bytes> seal(const Key256& key, std::span<const std::uint8_t> plaintext, std::string_view associated);
// StorageCorrupt when the tag does not verify (tampered, or the wrong key).
Result<Bytes> open_sealed(const Key256& key, std::span<const std::uint8_t> sealed,
                          std::string_view associated);

}  // namespace kiosk::store
