#pragma once

#include <cstdint>
#include <vector>

namespace kiosk::printer {

// 1-bit raster as thermal printers take it: rows of ceil(width/8) bytes,
// most significant bit leftmost, 1 = black dot.
struct Bitmap {
  int width = 0;
  int height = 0;
  std::vector<std::uint8_t> bits;

  Bitmap() = default;
  Bitmap(int w, int h) : width(w), height(h), bits(static_cast<std::size_t>(row_bytes_for(w)) * h, 0) {}
  static int row_bytes_for(int w) { return (w + 7) / 8; }
  [[nodiscard]] int row_bytes() const { return row_bytes_for(width); }
  [[nodiscard]] bool black(int x, int y) const {
    return (bits[static_cast<std::size_t>(y) * row_bytes() + x / 8] >> (7 - x % 8)) & 1;
  }
  void set(int x, int y) {
    bits[static_cast<std::size_t>(y) * row_bytes() + x / 8] |= static_cast<std::uint8_t>(0x80 >> (x % 8));
  }
};

// Printable widths of the two roll sizes at 203 dpi.
enum class PaperWidth { Mm58 = 384, Mm80 = 576 };
constexpr double kPrinterDpi = 203;

}  // namespace kiosk::printer
