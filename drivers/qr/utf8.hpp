#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kiosk::qr {

// Strict UTF-8 decoding: no overlong forms, no surrogates, nothing above
// U+10FFFF. Returns nullopt on the first ill-formed sequence.
std::optional<std::vector<char32_t>> decode_utf8(std::string_view bytes);
std::string encode_utf8(const std::vector<char32_t>& code_points);
void append_utf8(std::string& out, char32_t code_point);

}  // namespace kiosk::qr
