#include "screens/glyph_ranges.hpp"

namespace kiosk::ui {

const unsigned short* vietnamese_glyph_ranges() {
  static const unsigned short ranges[] = {
      0x0020, 0x007E,  // Basic Latin
      0x00A0, 0x00FF,  // Latin-1: à á â ã è é ê ì í ò ó ô õ ù ú ý
      0x0100, 0x017F,  // Latin Extended-A: ă Ă đ Đ ĩ Ĩ ũ Ũ
      0x01A0, 0x01B0,  // ơ Ơ ư Ư
      0x0300, 0x0323,  // combining marks, for text that arrives decomposed
      0x1EA0, 0x1EF9,  // Latin Extended Additional: ạ ả ấ ầ ẩ ẫ ậ ... ỹ
      0x2010, 0x2027,  // – — ‘ ’ “ ” • …
      0x20AB, 0x20AB,  // ₫
      0,
  };
  return ranges;
}

const unsigned short* symbol_glyph_ranges() {
  static const unsigned short ranges[] = {
      0x2190, 0x2193,  // ← ↑ → ↓
      0x2212, 0x2212,  // − (zoom out)
      0x2605, 0x2606,  // ★ ☆
      0x2610, 0x2611,  // ☐ ☑
      0x2713, 0x2717,  // ✓ ✗
      0x232B, 0x232B,  // ⌫
      0x21E7, 0x21E7,  // ⇧
      0,
  };
  return ranges;
}

}  // namespace kiosk::ui
