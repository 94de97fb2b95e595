#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

namespace kiosk::sandbox {

struct FontError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// The metrics of a TrueType font that a PDF needs to embed it whole and
// address glyphs by id (Identity-H): code point -> glyph, advance widths,
// bounding box. Throws FontError on a malformed file.
class TrueTypeFont {
 public:
  explicit TrueTypeFont(std::vector<std::uint8_t> file);

  const std::vector<std::uint8_t>& file() const { return file_; }
  std::uint16_t glyph_for(char32_t code_point) const;
  // Advance of a glyph in PDF text space units (1/1000 of the font size).
  int advance_1000(std::uint16_t glyph) const;
  int units_per_em() const { return units_per_em_; }
  int ascent_1000() const { return to_1000(ascender_); }
  int descent_1000() const { return to_1000(descender_); }
  std::array<int, 4> bbox_1000() const;

 private:
  int to_1000(int units) const { return units * 1000 / units_per_em_; }
  void read_cmap(std::size_t offset, std::size_t length);

  std::vector<std::uint8_t> file_;
  int units_per_em_ = 1000;
  int ascender_ = 0;
  int descender_ = 0;
  std::array<int, 4> bbox_{};
  std::vector<std::uint16_t> advances_;
  std::map<char32_t, std::uint16_t> cmap_;
};

}  // namespace kiosk::sandbox
