#pragma once

#include <string>
#include <string_view>

namespace kiosk::pdf {

// Code points of UTF-8 text; malformed sequences become U+FFFD so that bad
// input degrades to a visible box instead of an error.
std::u32string decode_utf8(std::string_view text);

// A PDF text string: UTF-16BE with byte order mark, as a hex string literal.
std::string pdf_text_string(std::string_view utf8);

}  // namespace kiosk::pdf
