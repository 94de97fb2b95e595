#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "drivers/pdf/pdf_error.hpp"

namespace kiosk::pdf {

// 8-bit ink coverage: 0 is bare paper, 255 full ink. Text is drawn here and
// then turned into whatever the output needs (PDF image mask, 1-bit printer
// raster, PNG).
struct Coverage {
  int width = 0;
  int height = 0;
  std::vector<std::uint8_t> pixels;  // row-major, width * height

  Coverage() = default;
  Coverage(int w, int h) : width(w), height(h), pixels(static_cast<std::size_t>(w) * h, 0) {}
  std::uint8_t& at(int x, int y) { return pixels[static_cast<std::size_t>(y) * width + x]; }
  std::uint8_t at(int x, int y) const { return pixels[static_cast<std::size_t>(y) * width + x]; }
};

// A TrueType font rasterised with stb_truetype. Vietnamese needs no shaping
// when text is in precomposed (NFC) form, which Noto Sans and DejaVu Sans
// cover; code points the font lacks draw as its .notdef box.
class Font {
 public:
  static PdfResult<Font> load(const std::string& path);
  // Noto Sans from fonts-noto-core, else DejaVu Sans from fonts-dejavu-core.
  static PdfResult<Font> load_default(bool bold = false);

  [[nodiscard]] int text_width(std::string_view utf8, float pixel_height) const;
  [[nodiscard]] int ascent(float pixel_height) const;
  [[nodiscard]] int line_height(float pixel_height) const;
  // Draws with the baseline at `baseline`; ink outside the canvas is clipped.
  void draw(Coverage& canvas, int x, int baseline, std::string_view utf8, float pixel_height) const;
  // Greedy word wrap to lines no wider than `max_width` pixels; a word wider
  // than a line is cut between characters.
  [[nodiscard]] std::vector<std::string> wrap(std::string_view utf8, float pixel_height, int max_width) const;

 private:
  struct Face;
  explicit Font(std::shared_ptr<const Face> face) : face_(std::move(face)) {}
  std::shared_ptr<const Face> face_;
};

}  // namespace kiosk::pdf
