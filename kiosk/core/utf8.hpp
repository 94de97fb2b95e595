#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace kiosk {

// UTF-8 to code points, strict about what is well formed (no overlong forms,
// no surrogates, nothing above U+10FFFF). Each maximal ill-formed subpart
// becomes one U+FFFD, as the Unicode standard recommends, so that bad input
// degrades to a visible box instead of an error.
std::u32string decode_utf8(std::string_view utf8);

// The same decoding for input that must be well formed: nullopt on the first
// ill-formed sequence.
std::optional<std::u32string> decode_utf8_checked(std::string_view utf8);

void append_utf8(std::string& out, char32_t code_point);
std::string encode_utf8(std::u32string_view code_points);

}  // namespace kiosk
