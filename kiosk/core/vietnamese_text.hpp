#pragma once

#include <string>
#include <string_view>

namespace kiosk {

// Unicode NFC (utf8proc): every Vietnamese letter typed or received as a
// vowel with combining modifiers (U+0302, U+0306, U+031B) and a tone mark,
// in any order, becomes the one precomposed letter the fonts are baked with.
//
// The input must be well-formed UTF-8 (see decode_utf8_checked); ill-formed
// input is returned unchanged.
std::string compose_vietnamese(std::string_view utf8);

// Lower-case form of Vietnamese text without diacritics ("Đăng ký khai sinh"
// -> "dang ky khai sinh"), so that people can search with or without them on
// the kiosk keyboard. Other characters are kept; ill-formed bytes become
// spaces.
std::string fold_vietnamese(std::string_view utf8);

// True when every word of `query` starts a word of `text`, both folded.
bool matches_search(std::string_view text, std::string_view query);

}  // namespace kiosk
