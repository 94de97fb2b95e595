#pragma once
// Byte strings as the chip sees them, and the helpers every layer needs.
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace kiosk::card {

using Bytes = std::vector<std::uint8_t>;
using ByteView = std::span<const std::uint8_t>;

Bytes from_hex(std::string_view hex);
std::string to_hex(ByteView bytes);

inline Bytes to_bytes(std::string_view text) {
  return Bytes(text.begin(), text.end());
}
inline std::string to_string(ByteView bytes) {
  return std::string(bytes.begin(), bytes.end());
}

// Appends every argument to one byte string.
template <typename... Parts>
Bytes concat(const Parts&... parts) {
  Bytes out;
  (out.insert(out.end(), std::begin(parts), std::end(parts)), ...);
  return out;
}

// Overwrites memory with zeros in a way the optimiser may not remove, then
// releases it: personal data and keys must not linger in freed heap blocks.
void wipe(Bytes& bytes);
void wipe(std::string& text);

// Constant-time comparison for MACs and authentication tokens.
bool equal_constant_time(ByteView a, ByteView b);

}  // namespace kiosk::card
