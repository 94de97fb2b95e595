#pragma once

namespace kiosk::ui {

// Code point ranges baked into the font atlas (pairs, zero-terminated):
// every Vietnamese letter in precomposed form, combining tone marks, general
// punctuation (— … “ ”), the đồng sign ₫ and the stars of the rating screen.
// ImGui's GetGlyphRangesVietnamese() misses some of them.
const unsigned short* vietnamese_glyph_ranges();
// Symbols that Noto Sans lacks and the fallback font (DejaVu) provides.
const unsigned short* symbol_glyph_ranges();

}  // namespace kiosk::ui
