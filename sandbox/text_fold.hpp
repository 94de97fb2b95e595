#pragma once

#include <string>
#include <string_view>

namespace kiosk::sandbox {

// UTF-8 to code points; an invalid or truncated sequence becomes U+FFFD.
std::u32string decode_utf8(std::string_view utf8);

// Lower case without Vietnamese diacritics ("Đăng ký" -> "dang ky"), so that
// a search typed without accents on the kiosk keyboard still matches.
std::string fold_for_search(std::string_view utf8);

}  // namespace kiosk::sandbox
