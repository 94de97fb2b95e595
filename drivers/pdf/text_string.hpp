#pragma once

#include <string>
#include <string_view>

namespace kiosk::pdf {

// A PDF text string: UTF-16BE with byte order mark, as a hex string literal.
// Ill-formed UTF-8 shows as U+FFFD.
std::string pdf_text_string(std::string_view utf8);

}  // namespace kiosk::pdf
