#include "sandbox/text_fold.hpp"

#include <unordered_map>

namespace kiosk::sandbox {
namespace {

const std::unordered_map<char32_t, char>& fold_table() {
  static const std::unordered_map<char32_t, char> table = [] {
    std::unordered_map<char32_t, char> t;
    const std::pair<std::u32string_view, char> groups[] = {
        {U"àáảãạăằắẳẵặâầấẩẫậÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬ", 'a'},
        {U"èéẻẽẹêềếểễệÈÉẺẼẸÊỀẾỂỄỆ", 'e'},
        {U"ìíỉĩịÌÍỈĨỊ", 'i'},
        {U"òóỏõọôồốổỗộơờớởỡợÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢ", 'o'},
        {U"ùúủũụưừứửữựÙÚỦŨỤƯỪỨỬỮỰ", 'u'},
        {U"ỳýỷỹỵỲÝỶỸỴ", 'y'},
        {U"đĐ", 'd'},
    };
    for (const auto& [letters, base] : groups) {
      for (const char32_t c : letters) {
        t[c] = base;
      }
    }
    return t;
  }();
  return table;
}

void append_utf8(std::string& out, char32_t c) {
  if (c < 0x80) {
    out += static_cast<char>(c);
  } else if (c < 0x800) {
    out += static_cast<char>(0xC0 | (c >> 6));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    out += static_cast<char>(0xE0 | (c >> 12));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (c >> 18));
    out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  }
}

}  // namespace

std::u32string decode_utf8(std::string_view s) {
  std::u32string out;
  std::size_t i = 0;
  while (i < s.size()) {
    const auto b0 = static_cast<unsigned char>(s[i]);
    std::size_t extra = 0;
    char32_t cp = 0;
    char32_t min = 0;
    if (b0 < 0x80) {
      cp = b0;
    } else if ((b0 & 0xE0) == 0xC0) {
      extra = 1;
      cp = b0 & 0x1F;
      min = 0x80;
    } else if ((b0 & 0xF0) == 0xE0) {
      extra = 2;
      cp = b0 & 0x0F;
      min = 0x800;
    } else if ((b0 & 0xF8) == 0xF0) {
      extra = 3;
      cp = b0 & 0x07;
      min = 0x10000;
    } else {
      out += U'\uFFFD';
      ++i;
      continue;
    }
    if (i + extra >= s.size()) {
      out += U'\uFFFD';
      break;
    }
    bool ok = true;
    for (std::size_t k = 1; k <= extra; ++k) {
      const auto b = static_cast<unsigned char>(s[i + k]);
      if ((b & 0xC0) != 0x80) {
        ok = false;
        break;
      }
      cp = (cp << 6) | (b & 0x3F);
    }
    if (!ok || cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
      out += U'\uFFFD';
      ++i;
      continue;
    }
    out += cp;
    i += extra + 1;
  }
  return out;
}

std::string fold_for_search(std::string_view utf8) {
  std::string out;
  const auto& table = fold_table();
  for (char32_t c : decode_utf8(utf8)) {
    // Combining marks (text typed in decomposed form) carry only the accent.
    if (c >= 0x0300 && c <= 0x036F) {
      continue;
    }
    if (const auto it = table.find(c); it != table.end()) {
      out += it->second;
      continue;
    }
    if (c >= 'A' && c <= 'Z') {
      c = c - 'A' + 'a';
    }
    append_utf8(out, c);
  }
  return out;
}

}  // namespace kiosk::sandbox
