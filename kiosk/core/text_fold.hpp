#pragma once

#include <string>
#include <string_view>

namespace kiosk {

// Lower-case ASCII form of Vietnamese text ("Đăng ký khai sinh" -> "dang ky
// khai sinh"), so that people can search with or without diacritics.
std::string fold_vietnamese(std::string_view utf8);

// True when every word of `query` starts a word of `text`, both folded.
bool matches_search(std::string_view text, std::string_view query);

}  // namespace kiosk
