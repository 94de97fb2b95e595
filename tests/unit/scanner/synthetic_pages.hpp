#pragma once

#include <cstdint>
#include <random>

#include "drivers/pdf/raster.hpp"

namespace kiosk::scanner::testing {

// A4-shaped page at `dpi` with lines of word-like ink blocks, like a typed
// letter; deterministic for a seed.
inline pdf::Raster text_page(int width, int height, unsigned seed, int channels = 1) {
  pdf::Raster page(width, height, channels, 245);
  std::mt19937 rng(seed);
  const int line_height = std::max(6, height / 60);
  for (int y = height / 10; y < height - height / 10; y += line_height * 2) {
    int x = width / 10;
    while (x < width - width / 10) {
      const int word = line_height + static_cast<int>(rng() % static_cast<unsigned>(line_height * 4));
      for (int yy = y; yy < y + line_height; ++yy) {
        for (int xx = x; xx < std::min(x + word, width - width / 10); ++xx) {
          for (int c = 0; c < channels; ++c) {
            page.row(yy)[xx * channels + c] = 20;
          }
        }
      }
      x += word + line_height;
    }
  }
  return page;
}

inline void add_border(pdf::Raster& page, int thickness, std::uint8_t level = 10) {
  for (int y = 0; y < page.height; ++y) {
    for (int x = 0; x < page.width; ++x) {
      if (x < thickness || y < thickness || x >= page.width - thickness || y >= page.height - thickness) {
        for (int c = 0; c < page.channels; ++c) {
          page.row(y)[x * page.channels + c] = level;
        }
      }
    }
  }
}

}  // namespace kiosk::scanner::testing
