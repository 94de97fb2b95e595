#pragma once

#include <string>
#include <string_view>

namespace kiosk {

// Composes Vietnamese letters to their precomposed (NFC) form: a vowel
// followed by combining vowel modifiers (U+0302 circumflex, U+0306 breve,
// U+031B horn) and one tone mark (U+0300, U+0301, U+0303, U+0309, U+0323),
// in any order, also on top of partly precomposed letters ("â" + U+0301).
// This covers every letter of the Vietnamese alphabet without ICU, whose
// data file alone is larger than the whole kiosk program. Sequences outside
// that repertoire are kept as they are.
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
