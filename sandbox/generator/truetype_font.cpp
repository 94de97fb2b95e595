#include "sandbox/generator/truetype_font.hpp"

#include <cstring>

namespace kiosk::sandbox {
namespace {

class Reader {
 public:
  explicit Reader(const std::vector<std::uint8_t>& data) : data_(data) {}
  std::uint32_t u8(std::size_t at) const { return byte(at); }
  std::uint32_t u16(std::size_t at) const { return (byte(at) << 8) | byte(at + 1); }
  std::int32_t i16(std::size_t at) const { return static_cast<std::int16_t>(u16(at)); }
  std::uint32_t u32(std::size_t at) const { return (u16(at) << 16) | u16(at + 2); }

 private:
  std::uint32_t byte(std::size_t at) const {
    if (at >= data_.size()) {
      throw FontError("TrueType table runs past the end of the file");
    }
    return data_[at];
  }
  const std::vector<std::uint8_t>& data_;
};

struct TableRecord {
  std::size_t offset = 0;
  std::size_t length = 0;
};

}  // namespace

TrueTypeFont::TrueTypeFont(std::vector<std::uint8_t> file) : file_(std::move(file)) {
  const Reader r(file_);
  const std::uint32_t version = r.u32(0);
  if (version != 0x00010000 && version != 0x74727565) {
    throw FontError("not a TrueType font (outlines must be glyf, not CFF)");
  }
  std::map<std::string, TableRecord> tables;
  const std::uint32_t count = r.u16(4);
  for (std::uint32_t i = 0; i < count; ++i) {
    const std::size_t rec = 12 + 16 * std::size_t{i};
    std::string tag(4, ' ');
    for (std::size_t k = 0; k < 4; ++k) {
      tag[k] = static_cast<char>(r.u8(rec + k));
    }
    tables[tag] = TableRecord{r.u32(rec + 8), r.u32(rec + 12)};
  }
  for (const char* needed : {"head", "hhea", "hmtx", "maxp", "cmap"}) {
    if (!tables.contains(needed)) {
      throw FontError(std::string("TrueType font lacks the ") + needed + " table");
    }
  }
  const std::size_t head = tables["head"].offset;
  units_per_em_ = static_cast<int>(r.u16(head + 18));
  if (units_per_em_ < 16) {
    throw FontError("TrueType unitsPerEm out of range");
  }
  bbox_ = {to_1000(r.i16(head + 36)), to_1000(r.i16(head + 38)), to_1000(r.i16(head + 40)),
           to_1000(r.i16(head + 42))};
  const std::size_t hhea = tables["hhea"].offset;
  ascender_ = r.i16(hhea + 4);
  descender_ = r.i16(hhea + 6);
  const std::uint32_t metrics = r.u16(hhea + 34);
  const std::uint32_t glyphs = r.u16(tables["maxp"].offset + 4);
  if (metrics == 0 || metrics > glyphs) {
    throw FontError("TrueType numberOfHMetrics out of range");
  }
  advances_.resize(glyphs);
  const std::size_t hmtx = tables["hmtx"].offset;
  for (std::uint32_t g = 0; g < glyphs; ++g) {
    advances_[g] = static_cast<std::uint16_t>(r.u16(hmtx + 4 * std::size_t{g < metrics ? g : metrics - 1}));
  }
  read_cmap(tables["cmap"].offset, tables["cmap"].length);
}

void TrueTypeFont::read_cmap(std::size_t offset, std::size_t length) {
  const Reader r(file_);
  std::size_t best = 0;
  int best_rank = 0;
  const std::uint32_t count = r.u16(offset + 2);
  for (std::uint32_t i = 0; i < count; ++i) {
    const std::size_t rec = offset + 4 + 8 * std::size_t{i};
    const std::uint32_t platform = r.u16(rec);
    const std::uint32_t encoding = r.u16(rec + 2);
    const std::size_t sub = offset + r.u32(rec + 4);
    const std::uint32_t format = r.u16(sub);
    int rank = 0;
    if (format == 12 && (platform == 3 || platform == 0)) {
      rank = 3;
    } else if (format == 4 && ((platform == 3 && encoding == 1) || platform == 0)) {
      rank = 2;
    }
    if (rank > best_rank) {
      best_rank = rank;
      best = sub;
    }
  }
  if (best_rank == 0 || length < 4) {
    throw FontError("TrueType font has no Unicode cmap (format 4 or 12)");
  }
  // A hostile or broken table could announce billions of mappings; real
  // fonts map well under this many code points.
  constexpr std::size_t kMaxMappings = 1 << 18;
  std::size_t mappings = 0;
  const auto count_one = [&] {
    if (++mappings > kMaxMappings) {
      throw FontError("TrueType cmap maps implausibly many code points");
    }
  };
  if (r.u16(best) == 12) {
    const std::uint32_t groups = r.u32(best + 12);
    for (std::uint32_t i = 0; i < groups; ++i) {
      const std::size_t g = best + 16 + 12 * std::size_t{i};
      const std::uint32_t first = r.u32(g);
      const std::uint32_t last = r.u32(g + 4);
      const std::uint32_t glyph = r.u32(g + 8);
      // Vietnamese text needs the BMP only; bounding the ranges keeps a
      // malformed table from making the map huge.
      for (std::uint32_t c = first; c <= last && c <= 0xFFFF; ++c) {
        count_one();
        cmap_[c] = static_cast<std::uint16_t>(glyph + (c - first));
      }
    }
    return;
  }
  const std::uint32_t segments = r.u16(best + 6) / 2;
  const std::size_t ends = best + 14;
  const std::size_t starts = ends + 2 * std::size_t{segments} + 2;
  const std::size_t deltas = starts + 2 * std::size_t{segments};
  const std::size_t range_offsets = deltas + 2 * std::size_t{segments};
  for (std::uint32_t s = 0; s < segments; ++s) {
    const std::uint32_t end = r.u16(ends + 2 * s);
    const std::uint32_t start = r.u16(starts + 2 * s);
    const std::uint32_t delta = r.u16(deltas + 2 * s);
    const std::size_t range_at = range_offsets + 2 * s;
    const std::uint32_t range = r.u16(range_at);
    for (std::uint32_t c = start; c <= end && c != 0xFFFF; ++c) {
      count_one();
      std::uint32_t glyph = 0;
      if (range == 0) {
        glyph = (c + delta) & 0xFFFF;
      } else {
        glyph = r.u16(range_at + range + 2 * std::size_t{c - start});
        if (glyph != 0) {
          glyph = (glyph + delta) & 0xFFFF;
        }
      }
      if (glyph != 0) {
        cmap_[c] = static_cast<std::uint16_t>(glyph);
      }
    }
  }
}

std::uint16_t TrueTypeFont::glyph_for(char32_t code_point) const {
  const auto it = cmap_.find(code_point);
  return it == cmap_.end() ? 0 : it->second;
}

int TrueTypeFont::advance_1000(std::uint16_t glyph) const {
  if (glyph >= advances_.size()) {
    return 0;
  }
  return to_1000(advances_[glyph]);
}

std::array<int, 4> TrueTypeFont::bbox_1000() const {
  return bbox_;
}

}  // namespace kiosk::sandbox
