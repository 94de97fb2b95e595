#include "kiosk/core/text_fold.hpp"

#include <array>
#include <cstdint>
#include <sstream>
#include <vector>

namespace kiosk {
namespace {

struct Fold {
  std::u32string_view letters;
  char base;
};

// Precomposed Vietnamese letters (upper and lower case) by base letter.
constexpr std::array<Fold, 7> kFolds{{
    {U"àáảãạăằắẳẵặâầấẩẫậÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬ", 'a'},
    {U"èéẻẽẹêềếểễệÈÉẺẼẸÊỀẾỂỄỆ", 'e'},
    {U"ìíỉĩịÌÍỈĨỊ", 'i'},
    {U"òóỏõọôồốổỗộơờớởỡợÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢ", 'o'},
    {U"ùúủũụưừứửữựÙÚỦŨỤƯỪỨỬỮỰ", 'u'},
    {U"ỳýỷỹỵỲÝỶỸỴ", 'y'},
    {U"đĐ", 'd'},
}};

// Decodes one UTF-8 sequence; malformed bytes decode as U+FFFD and advance by one.
char32_t next_code_point(std::string_view text, std::size_t& pos) {
  const auto lead = static_cast<unsigned char>(text[pos]);
  int extra = 0;
  char32_t cp = 0;
  if (lead < 0x80) {
    ++pos;
    return lead;
  }
  if ((lead & 0xE0) == 0xC0) {
    extra = 1;
    cp = lead & 0x1F;
  } else if ((lead & 0xF0) == 0xE0) {
    extra = 2;
    cp = lead & 0x0F;
  } else if ((lead & 0xF8) == 0xF0) {
    extra = 3;
    cp = lead & 0x07;
  } else {
    ++pos;
    return 0xFFFD;
  }
  if (pos + static_cast<std::size_t>(extra) >= text.size()) {
    ++pos;
    return 0xFFFD;
  }
  for (int i = 1; i <= extra; ++i) {
    const auto byte = static_cast<unsigned char>(text[pos + static_cast<std::size_t>(i)]);
    if ((byte & 0xC0) != 0x80) {
      ++pos;
      return 0xFFFD;
    }
    cp = (cp << 6) | (byte & 0x3F);
  }
  pos += static_cast<std::size_t>(extra) + 1;
  return cp;
}

bool is_combining_mark(char32_t cp) {
  return cp >= 0x0300 && cp <= 0x036F;
}

std::vector<std::string> words(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string word; in >> word;) {
    out.push_back(word);
  }
  return out;
}

}  // namespace

std::string fold_vietnamese(std::string_view utf8) {
  std::string out;
  out.reserve(utf8.size());
  std::size_t pos = 0;
  while (pos < utf8.size()) {
    const char32_t cp = next_code_point(utf8, pos);
    if (cp < 0x80) {
      const auto c = static_cast<char>(cp);
      out.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
      continue;
    }
    if (is_combining_mark(cp)) {
      continue;  // decomposed input: drop the tone and vowel marks
    }
    char base = ' ';
    for (const auto& fold : kFolds) {
      if (fold.letters.find(cp) != std::u32string_view::npos) {
        base = fold.base;
        break;
      }
    }
    out.push_back(base);
  }
  return out;
}

bool matches_search(std::string_view text, std::string_view query) {
  const auto text_words = words(fold_vietnamese(text));
  for (const auto& wanted : words(fold_vietnamese(query))) {
    bool found = false;
    for (const auto& word : text_words) {
      if (word.compare(0, wanted.size(), wanted) == 0) {
        found = true;
        break;
      }
    }
    if (!found) {
      return false;
    }
  }
  return true;
}

}  // namespace kiosk
