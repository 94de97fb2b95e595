#include "kiosk/core/vietnamese_text.hpp"

#include <utf8proc.h>

#include <array>
#include <cstdlib>
#include <sstream>
#include <vector>

#include "kiosk/core/secure_wipe.hpp"
#include "kiosk/core/utf8.hpp"

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

// The ASCII base letter of a precomposed Vietnamese letter, or '\0'.
char folded_letter(char32_t cp) {
  for (const auto& fold : kFolds) {
    if (fold.letters.find(cp) != std::u32string_view::npos) {
      return fold.base;
    }
  }
  return '\0';
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

std::string compose_vietnamese(std::string_view utf8) {
  if (!decode_utf8_checked(utf8)) {
    return std::string(utf8);
  }
  utf8proc_uint8_t* composed = nullptr;
  const utf8proc_ssize_t length = utf8proc_map(
      reinterpret_cast<const utf8proc_uint8_t*>(utf8.data()), static_cast<utf8proc_ssize_t>(utf8.size()),
      &composed, static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPOSE));
  if (length < 0) {
    return std::string(utf8);
  }
  std::string out(reinterpret_cast<const char*>(composed), static_cast<std::size_t>(length));
  // Names and addresses pass through here: no copy stays in freed memory.
  secure_zero(composed, static_cast<std::size_t>(length));
  std::free(composed);
  return out;
}

std::string fold_vietnamese(std::string_view utf8) {
  std::string out;
  out.reserve(utf8.size());
  for (const char32_t cp : decode_utf8(utf8)) {
    if (cp >= U'A' && cp <= U'Z') {
      out.push_back(static_cast<char>(cp - U'A' + U'a'));
      continue;
    }
    if (is_combining_mark(cp)) {
      continue;  // decomposed input: drop the tone and vowel marks
    }
    if (cp == U'\uFFFD') {
      out.push_back(' ');  // ill-formed input carries no letter
      continue;
    }
    if (const char base = folded_letter(cp); base != '\0') {
      out.push_back(base);
      continue;
    }
    append_utf8(out, cp);
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
