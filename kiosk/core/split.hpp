#pragma once

#include <string_view>
#include <vector>

namespace kiosk {

// The fields of `text` between separators, empty ones included, so that a
// payload with a missing field keeps every other field in its place.
inline std::vector<std::string_view> split(std::string_view text, char separator) {
  std::vector<std::string_view> fields;
  std::size_t start = 0;
  for (;;) {
    const std::size_t end = text.find(separator, start);
    if (end == std::string_view::npos) {
      fields.push_back(text.substr(start));
      return fields;
    }
    fields.push_back(text.substr(start, end - start));
    start = end + 1;
  }
}

}  // namespace kiosk
