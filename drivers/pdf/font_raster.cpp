#include "drivers/pdf/font_raster.hpp"

#include <stb/stb_truetype.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <iterator>

#include "kiosk/core/utf8.hpp"

namespace kiosk::pdf {

struct Font::Face {
  std::vector<unsigned char> bytes;
  stbtt_fontinfo info{};
};

PdfResult<Font> Font::load(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return PdfError{PdfErrorCode::FontUnavailable, "cannot open font " + path};
  }
  auto face = std::make_shared<Face>();
  face->bytes.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  const int offset = stbtt_GetFontOffsetForIndex(face->bytes.data(), 0);
  if (face->bytes.size() < 12 || offset < 0 || stbtt_InitFont(&face->info, face->bytes.data(), offset) == 0) {
    return PdfError{PdfErrorCode::FontUnavailable, "not a TrueType font: " + path};
  }
  return Font(std::move(face));
}

PdfResult<Font> Font::load_default(bool bold) {
  const char* candidates[] = {
      bold ? "/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf"
           : "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf",
      bold ? "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"
           : "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
  };
  PdfError last{PdfErrorCode::FontUnavailable, "no font"};
  for (const char* path : candidates) {
    auto font = load(path);
    if (font) {
      return font;
    }
    last = font.error();
  }
  return last;
}

int Font::ascent(float pixel_height) const {
  int ascent = 0;
  int descent = 0;
  int gap = 0;
  stbtt_GetFontVMetrics(&face_->info, &ascent, &descent, &gap);
  return static_cast<int>(
      std::lround(static_cast<float>(ascent) * stbtt_ScaleForPixelHeight(&face_->info, pixel_height)));
}

int Font::line_height(float pixel_height) const {
  int ascent = 0;
  int descent = 0;
  int gap = 0;
  stbtt_GetFontVMetrics(&face_->info, &ascent, &descent, &gap);
  const float scale = stbtt_ScaleForPixelHeight(&face_->info, pixel_height);
  return static_cast<int>(std::lround(static_cast<float>(ascent - descent + gap) * scale));
}

int Font::text_width(std::string_view utf8, float pixel_height) const {
  const float scale = stbtt_ScaleForPixelHeight(&face_->info, pixel_height);
  float x = 0;
  int previous = 0;
  for (char32_t cp : decode_utf8(utf8)) {
    const int glyph = stbtt_FindGlyphIndex(&face_->info, static_cast<int>(cp));
    if (previous != 0) {
      x += scale * static_cast<float>(stbtt_GetGlyphKernAdvance(&face_->info, previous, glyph));
    }
    int advance = 0;
    int bearing = 0;
    stbtt_GetGlyphHMetrics(&face_->info, glyph, &advance, &bearing);
    x += scale * static_cast<float>(advance);
    previous = glyph;
  }
  return static_cast<int>(std::ceil(x));
}

void Font::draw(Coverage& canvas, int x0, int baseline, std::string_view utf8, float pixel_height) const {
  const float scale = stbtt_ScaleForPixelHeight(&face_->info, pixel_height);
  float x = static_cast<float>(x0);
  int previous = 0;
  std::vector<unsigned char> glyph_bitmap;
  for (char32_t cp : decode_utf8(utf8)) {
    const int glyph = stbtt_FindGlyphIndex(&face_->info, static_cast<int>(cp));
    if (previous != 0) {
      x += scale * static_cast<float>(stbtt_GetGlyphKernAdvance(&face_->info, previous, glyph));
    }
    const float shift = x - std::floor(x);
    int ix0 = 0;
    int iy0 = 0;
    int ix1 = 0;
    int iy1 = 0;
    stbtt_GetGlyphBitmapBoxSubpixel(&face_->info, glyph, scale, scale, shift, 0, &ix0, &iy0, &ix1, &iy1);
    const int w = ix1 - ix0;
    const int h = iy1 - iy0;
    if (w > 0 && h > 0) {
      glyph_bitmap.assign(static_cast<std::size_t>(w) * h, 0);
      stbtt_MakeGlyphBitmapSubpixel(&face_->info, glyph_bitmap.data(), w, h, w, scale, scale, shift, 0,
                                    glyph);
      const int left = static_cast<int>(std::floor(x)) + ix0;
      const int top = baseline + iy0;
      for (int gy = 0; gy < h; ++gy) {
        const int cy = top + gy;
        if (cy < 0 || cy >= canvas.height) {
          continue;
        }
        for (int gx = 0; gx < w; ++gx) {
          const int cx = left + gx;
          if (cx < 0 || cx >= canvas.width) {
            continue;
          }
          auto& pixel = canvas.at(cx, cy);
          pixel = std::max(pixel, glyph_bitmap[static_cast<std::size_t>(gy) * w + gx]);
        }
      }
    }
    int advance = 0;
    int bearing = 0;
    stbtt_GetGlyphHMetrics(&face_->info, glyph, &advance, &bearing);
    x += scale * static_cast<float>(advance);
    previous = glyph;
  }
}

std::vector<std::string> Font::wrap(std::string_view utf8, float pixel_height, int max_width) const {
  std::vector<std::string> lines;
  const std::u32string text = decode_utf8(utf8);
  std::u32string line;
  std::size_t i = 0;
  auto fits = [&](const std::u32string& candidate) {
    return text_width(encode_utf8(candidate), pixel_height) <= max_width;
  };
  while (i < text.size()) {
    std::size_t end = i;
    while (end < text.size() && text[end] != U' ') {
      ++end;
    }
    const std::u32string word = text.substr(i, end - i);
    std::u32string candidate = line.empty() ? word : line + U' ' + word;
    if (fits(candidate)) {
      line = std::move(candidate);
    } else {
      if (!line.empty()) {
        lines.push_back(encode_utf8(line));
        line.clear();
      }
      for (char32_t cp : word) {
        std::u32string longer = line + cp;
        if (!line.empty() && !fits(longer)) {
          lines.push_back(encode_utf8(line));
          line.assign(1, cp);
        } else {
          line = std::move(longer);
        }
      }
    }
    i = end + 1;
  }
  if (!line.empty() || lines.empty()) {
    lines.push_back(encode_utf8(line));
  }
  return lines;
}

}  // namespace kiosk::pdf
