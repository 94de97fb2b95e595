#pragma once

#include <cstdint>
#include <vector>

namespace kiosk::pdf {

// An 8-bit image, grey (1 channel) or RGB (3 channels), rows packed.
struct Raster {
  int width = 0;
  int height = 0;
  int channels = 1;
  std::vector<std::uint8_t> pixels;

  Raster() = default;
  Raster(int w, int h, int c, std::uint8_t fill = 255)
      : width(w), height(h), channels(c), pixels(static_cast<std::size_t>(w) * h * c, fill) {}
  [[nodiscard]] std::size_t stride() const { return static_cast<std::size_t>(width) * channels; }
  std::uint8_t* row(int y) { return pixels.data() + static_cast<std::size_t>(y) * stride(); }
  [[nodiscard]] const std::uint8_t* row(int y) const {
    return pixels.data() + static_cast<std::size_t>(y) * stride();
  }
  [[nodiscard]] bool empty() const { return width <= 0 || height <= 0; }
};

// How a page is stored: colour and grey as JPEG, black-and-white as CCITT G4.
enum class ColourMode { Colour, Grey, BlackWhite };

}  // namespace kiosk::pdf
