#include "kiosk/core/utf8.hpp"

#include <cstddef>

namespace kiosk {
namespace {

struct Step {
  std::optional<char32_t> code_point;  // empty for an ill-formed subpart
  std::size_t length;
};

// One sequence at `pos` (Unicode table 3-7: the second byte's range depends on
// the lead byte, which is what rules out overlong forms, surrogates and code
// points above U+10FFFF).
Step next_sequence(std::string_view text, std::size_t pos) {
  const auto lead = static_cast<unsigned char>(text[pos]);
  if (lead < 0x80) {
    return {lead, 1};
  }
  std::size_t length = 0;
  char32_t cp = 0;
  unsigned char low = 0x80;
  unsigned char high = 0xBF;
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
    cp = lead & 0x1FU;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    cp = lead & 0x0FU;
    low = lead == 0xE0 ? 0xA0 : 0x80;
    high = lead == 0xED ? 0x9F : 0xBF;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    cp = lead & 0x07U;
    low = lead == 0xF0 ? 0x90 : 0x80;
    high = lead == 0xF4 ? 0x8F : 0xBF;
  } else {
    return {std::nullopt, 1};
  }
  for (std::size_t k = 1; k < length; ++k) {
    if (pos + k >= text.size()) {
      return {std::nullopt, k};
    }
    const auto byte = static_cast<unsigned char>(text[pos + k]);
    if (byte < low || byte > high) {
      return {std::nullopt, k};
    }
    cp = (cp << 6) | (byte & 0x3FU);
    low = 0x80;
    high = 0xBF;
  }
  return {cp, length};
}

}  // namespace

std::u32string decode_utf8(std::string_view utf8) {
  std::u32string out;
  out.reserve(utf8.size());
  for (std::size_t pos = 0; pos < utf8.size();) {
    const Step step = next_sequence(utf8, pos);
    out.push_back(step.code_point.value_or(U'\uFFFD'));
    pos += step.length;
  }
  return out;
}

std::optional<std::u32string> decode_utf8_checked(std::string_view utf8) {
  std::u32string out;
  out.reserve(utf8.size());
  for (std::size_t pos = 0; pos < utf8.size();) {
    const Step step = next_sequence(utf8, pos);
    if (!step.code_point) {
      return std::nullopt;
    }
    out.push_back(*step.code_point);
    pos += step.length;
  }
  return out;
}

void append_utf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

std::string encode_utf8(std::u32string_view code_points) {
  std::string out;
  out.reserve(code_points.size() * 2);
  for (const char32_t cp : code_points) {
    append_utf8(out, cp);
  }
  return out;
}

}  // namespace kiosk
