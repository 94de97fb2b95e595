#include "drivers/card/bytes.hpp"

#include <openssl/crypto.h>

#include "drivers/card/card_error.hpp"

namespace kiosk::card {

namespace {
int nibble(char c) {
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}
}  // namespace

Bytes from_hex(std::string_view hex) {
  Bytes out;
  int high = -1;
  for (char c : hex) {
    if (c == ' ' || c == ':' || c == '\n')
      continue;
    const int value = nibble(c);
    if (value < 0)
      throw CardError(ErrorCode::InvalidInput, "not a hexadecimal string");
    if (high < 0) {
      high = value;
    } else {
      out.push_back(static_cast<std::uint8_t>(high * 16 + value));
      high = -1;
    }
  }
  if (high >= 0)
    throw CardError(ErrorCode::InvalidInput, "odd number of hexadecimal digits");
  return out;
}

std::string to_hex(ByteView bytes) {
  static constexpr char kDigits[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (auto b : bytes) {
    out.push_back(kDigits[b >> 4]);
    out.push_back(kDigits[b & 0x0F]);
  }
  return out;
}

void wipe(Bytes& bytes) {
  if (!bytes.empty())
    OPENSSL_cleanse(bytes.data(), bytes.size());
  bytes.clear();
  bytes.shrink_to_fit();
}

void wipe(std::string& text) {
  if (!text.empty())
    OPENSSL_cleanse(text.data(), text.size());
  text.clear();
  text.shrink_to_fit();
}

bool equal_constant_time(ByteView a, ByteView b) {
  return a.size() == b.size() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace kiosk::card
