#include "drivers/pdf/utf8.hpp"

#include <cstdint>

namespace kiosk::pdf {

std::u32string decode_utf8(std::string_view text) {
  std::u32string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    const auto lead = static_cast<std::uint8_t>(text[i]);
    std::size_t extra = 0;
    char32_t cp = 0;
    if (lead < 0x80) {
      cp = lead;
    } else if ((lead & 0xe0) == 0xc0) {
      extra = 1;
      cp = lead & 0x1fU;
    } else if ((lead & 0xf0) == 0xe0) {
      extra = 2;
      cp = lead & 0x0fU;
    } else if ((lead & 0xf8) == 0xf0) {
      extra = 3;
      cp = lead & 0x07U;
    } else {
      out.push_back(U'\uFFFD');
      ++i;
      continue;
    }
    bool valid = true;
    for (std::size_t k = 1; valid && k <= extra; ++k) {
      if (i + k >= text.size()) {
        valid = false;
        break;
      }
      const auto next = static_cast<std::uint8_t>(text[i + k]);
      if ((next & 0xc0) != 0x80) {
        valid = false;
        break;
      }
      cp = (cp << 6) | (next & 0x3fU);
    }
    static constexpr char32_t kMinimum[] = {0, 0x80, 0x800, 0x10000};
    if (!valid || cp < kMinimum[extra] || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
      out.push_back(U'\uFFFD');
      ++i;
      continue;
    }
    out.push_back(cp);
    i += extra + 1;
  }
  return out;
}

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
