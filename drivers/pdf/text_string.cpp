#include "drivers/pdf/text_string.hpp"

#include <cstdint>

#include "kiosk/core/utf8.hpp"

namespace kiosk::pdf {

std::string pdf_text_string(std::string_view utf8) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out = "<FEFF";
  auto put16 = [&](std::uint32_t unit) {
    for (int shift = 12; shift >= 0; shift -= 4) {
      out.push_back(kHex[(unit >> shift) & 0xfU]);
    }
  };
  for (char32_t cp : decode_utf8(utf8)) {
    if (cp >= 0x10000) {
      const std::uint32_t v = cp - 0x10000;
      put16(0xd800 + (v >> 10));
      put16(0xdc00 + (v & 0x3ffU));
    } else {
      put16(cp);
    }
  }
  out.push_back('>');
  return out;
}

}  // namespace kiosk::pdf
