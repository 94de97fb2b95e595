#pragma once

#include <cstdint>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "sandbox/generator/truetype_font.hpp"

namespace kiosk::sandbox {

// A one-font, text-only PDF writer for the demo vault papers: A4 pages, the
// whole TrueType font embedded (Type0/Identity-H, with a ToUnicode map so
// the text can be extracted and searched), a classic cross-reference table
// so that a signer can append an incremental update.
class TextPdf {
 public:
  explicit TextPdf(const TrueTypeFont& font) : font_(font) {}

  static constexpr double kPageWidth = 595.28;
  static constexpr double kPageHeight = 841.89;

  void new_page();
  void text(double x, double y, double size, std::string_view utf8);
  void centered(double y, double size, std::string_view utf8);
  // Lays out `utf8` in lines no wider than `width`; returns the baseline
  // below the last line.
  double wrapped(double x, double y, double width, double size, std::string_view utf8);
  void rule(double x1, double y1, double x2, double y2, double width);
  double width_of(double size, std::string_view utf8) const;

  std::vector<std::uint8_t> bytes(std::string_view title) const;

 private:
  std::string glyph_hex(std::string_view utf8);

  const TrueTypeFont& font_;
  std::vector<std::string> pages_;
  std::set<std::uint16_t> used_;
  std::vector<std::pair<std::uint16_t, char32_t>> to_unicode_;
};

}  // namespace kiosk::sandbox
