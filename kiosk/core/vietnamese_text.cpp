#include "kiosk/core/vietnamese_text.hpp"

#include <array>
#include <cstdint>
#include <optional>
#include <sstream>
#include <unordered_map>
#include <vector>

#include "kiosk/core/utf8.hpp"

namespace kiosk {
namespace {

enum class Modifier : std::uint8_t { kNone, kCircumflex, kBreve, kHorn };
// Column order of the letter table below.
enum class Tone : std::uint8_t { kNone, kGrave, kAcute, kTilde, kHook, kDotBelow };

struct Parts {
  char32_t base;  // ASCII vowel
  Modifier modifier;
  Tone tone;
};

struct Row {
  const char* letters;  // six letters, one per Tone
  char32_t base;
  Modifier modifier;
};

// Every Vietnamese vowel with every tone, lower and upper case.
constexpr std::array<Row, 24> kRows{{
    {"aàáãảạ", U'a', Modifier::kNone},       {"ăằắẵẳặ", U'a', Modifier::kBreve},
    {"âầấẫẩậ", U'a', Modifier::kCircumflex}, {"eèéẽẻẹ", U'e', Modifier::kNone},
    {"êềếễểệ", U'e', Modifier::kCircumflex}, {"iìíĩỉị", U'i', Modifier::kNone},
    {"oòóõỏọ", U'o', Modifier::kNone},       {"ôồốỗổộ", U'o', Modifier::kCircumflex},
    {"ơờớỡởợ", U'o', Modifier::kHorn},       {"uùúũủụ", U'u', Modifier::kNone},
    {"ưừứữửự", U'u', Modifier::kHorn},       {"yỳýỹỷỵ", U'y', Modifier::kNone},
    {"AÀÁÃẢẠ", U'A', Modifier::kNone},       {"ĂẰẮẴẲẶ", U'A', Modifier::kBreve},
    {"ÂẦẤẪẨẬ", U'A', Modifier::kCircumflex}, {"EÈÉẼẺẸ", U'E', Modifier::kNone},
    {"ÊỀẾỄỂỆ", U'E', Modifier::kCircumflex}, {"IÌÍĨỈỊ", U'I', Modifier::kNone},
    {"OÒÓÕỎỌ", U'O', Modifier::kNone},       {"ÔỒỐỖỔỘ", U'O', Modifier::kCircumflex},
    {"ƠỜỚỠỞỢ", U'O', Modifier::kHorn},       {"UÙÚŨỦỤ", U'U', Modifier::kNone},
    {"ƯỪỨỮỬỰ", U'U', Modifier::kHorn},       {"YỲÝỸỶỴ", U'Y', Modifier::kNone},
}};

std::uint32_t key(char32_t base, Modifier m, Tone t) {
  return (static_cast<std::uint32_t>(base) << 8) | (static_cast<std::uint32_t>(m) << 4) |
         static_cast<std::uint32_t>(t);
}

struct Tables {
  std::unordered_map<char32_t, Parts> decompose;
  std::unordered_map<std::uint32_t, char32_t> compose;

  Tables() {
    for (const Row& row : kRows) {
      const std::u32string letters = decode_utf8(row.letters);
      for (std::size_t t = 0; t < letters.size(); ++t) {
        const Parts parts{row.base, row.modifier, static_cast<Tone>(t)};
        decompose.emplace(letters[t], parts);
        compose.emplace(key(parts.base, parts.modifier, parts.tone), letters[t]);
      }
    }
  }
};

const Tables& tables() {
  static const Tables instance;
  return instance;
}

std::optional<Tone> tone_of(char32_t mark) {
  switch (mark) {
    case 0x0300:
      return Tone::kGrave;
    case 0x0301:
      return Tone::kAcute;
    case 0x0303:
      return Tone::kTilde;
    case 0x0309:
      return Tone::kHook;
    case 0x0323:
      return Tone::kDotBelow;
    default:
      return std::nullopt;
  }
}

std::optional<Modifier> modifier_of(char32_t mark) {
  switch (mark) {
    case 0x0302:
      return Modifier::kCircumflex;
    case 0x0306:
      return Modifier::kBreve;
    case 0x031B:
      return Modifier::kHorn;
    default:
      return std::nullopt;
  }
}

bool modifier_fits(char32_t base, Modifier m) {
  const char32_t lower = base | 0x20;
  switch (m) {
    case Modifier::kCircumflex:
      return lower == U'a' || lower == U'e' || lower == U'o';
    case Modifier::kBreve:
      return lower == U'a';
    case Modifier::kHorn:
      return lower == U'o' || lower == U'u';
    case Modifier::kNone:
      return true;
  }
  return false;
}

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
  const auto decoded = decode_utf8_checked(utf8);
  if (!decoded) {
    return std::string(utf8);
  }
  const std::u32string& in = *decoded;
  const Tables& t = tables();
  std::u32string out;
  out.reserve(in.size());
  std::size_t i = 0;
  while (i < in.size()) {
    const auto found = t.decompose.find(in[i]);
    if (found == t.decompose.end()) {
      out.push_back(in[i++]);
      continue;
    }
    Parts parts = found->second;
    std::size_t next = i + 1;
    while (next < in.size()) {
      if (const auto tone = tone_of(in[next]); tone && parts.tone == Tone::kNone) {
        parts.tone = *tone;
      } else if (const auto mod = modifier_of(in[next]);
                 mod && parts.modifier == Modifier::kNone && modifier_fits(parts.base, *mod)) {
        parts.modifier = *mod;
      } else {
        break;
      }
      ++next;
    }
    out.push_back(t.compose.at(key(parts.base, parts.modifier, parts.tone)));
    i = next;
  }
  return encode_utf8(out);
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
