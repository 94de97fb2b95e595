#pragma once

#include <string>
#include <string_view>

#include "kiosk/core/utf8.hpp"

namespace kiosk::ui {

// Composes a base letter and one combining mark into the precomposed letter
// Vietnamese uses, or returns 0 when no such letter exists.
char32_t compose(char32_t base, char32_t mark);

// Splits a precomposed Vietnamese letter into its base letter followed by its
// combining marks; other characters come back unchanged.
std::u32string decompose(char32_t letter);

}  // namespace kiosk::ui
