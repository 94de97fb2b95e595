#include "drivers/qr/qr_decoder.hpp"

#include <ZXing/ReadBarcode.h>

#include <algorithm>

#include "drivers/qr/finder_scan.hpp"

namespace kiosk::qr {
namespace {

// Below this shorter side the half-size pass would make modules too small.
constexpr int kDownscaleMinSide = 600;
// Rows crossing finder-like patterns before the thorough pass is worth it.
constexpr int kFinderHitsForThoroughPass = 2;
// The thorough pass looks only around the finder-like patterns: this many
// modules beyond them holds the rest of a code (version 10 is 57 modules
// wide) even when just one of its three finders was seen.
constexpr float kCodeReachModules = 60.0f;

// The part of `image` worth the thorough pass, in its pixels.
struct Region {
  int left = 0;
  int top = 0;
  int width = 0;
  int height = 0;
};

Region around_finders(const GrayView& image, const FinderScan& scan) {
  const int reach = static_cast<int>(kCodeReachModules * std::max(scan.max_module, 1.0f));
  const int left = std::max(0, scan.min_x - reach);
  const int top = std::max(0, scan.min_y - reach);
  const int right = std::min(image.width, scan.max_x + reach + 1);
  const int bottom = std::min(image.height, scan.max_y + reach + 1);
  return {left, top, right - left, bottom - top};
}

GrayView crop(const GrayView& image, const Region& r) {
  return {image.data + static_cast<std::ptrdiff_t>(r.top) * image.stride + r.left, r.width, r.height,
          image.stride};
}

void shift(Quad& quad, const Region& r) {
  for (PointF& p : quad) {
    p.x += static_cast<float>(r.left);
    p.y += static_cast<float>(r.top);
  }
}

ZXing::DecodeHints hints(const QrDecoder::Options& options, bool thorough) {
  ZXing::BarcodeFormats formats = ZXing::BarcodeFormat::QRCode;
  if (options.micro_qr) {
    formats |= ZXing::BarcodeFormat::MicroQRCode;
  }
  ZXing::DecodeHints h;
  h.setFormats(formats)
      .setTryHarder(thorough)
      .setTryRotate(false)  // QR detection is rotation invariant already
      .setTryDownscale(thorough)
      .setReturnErrors(true)
      .setMaxNumberOfSymbols(static_cast<std::uint8_t>(std::clamp(options.max_symbols, 1, 255)));
  return h;
}

Quad to_quad(const ZXing::Position& p, float scale) {
  Quad q;
  for (std::size_t i = 0; i < 4; ++i) {
    q[i] = {static_cast<float>(p[static_cast<int>(i)].x) * scale,
            static_cast<float>(p[static_cast<int>(i)].y) * scale};
  }
  return q;
}

// Appends the decoded symbols of one pass; remembers a located but unread
// code for guidance. Returns whether anything was decoded.
bool collect(const ZXing::Results& results, float scale, DecodeOutcome& out) {
  bool any = false;
  for (const ZXing::Result& r : results) {
    if (r.isValid()) {
      const std::string text = r.text();
      const bool seen = std::any_of(out.symbols.begin(), out.symbols.end(),
                                    [&](const DecodedSymbol& s) { return s.text == text; });
      if (!seen) {
        out.symbols.push_back(
            {text, to_quad(r.position(), scale), r.format() == ZXing::BarcodeFormat::MicroQRCode});
      }
      any = true;
    } else if (r.format() != ZXing::BarcodeFormat::None && !out.sighting.undecoded) {
      out.sighting.undecoded = to_quad(r.position(), scale);
    }
  }
  return any;
}

ZXing::ImageView zx_view(const GrayView& g) {
  return {g.data, g.width, g.height, ZXing::ImageFormat::Lum, g.stride};
}

}  // namespace

DecodeOutcome QrDecoder::decode(const GrayView& image) const {
  DecodeOutcome out;
  if (image.data == nullptr || image.width < 21 || image.height < 21) {
    return out;
  }
  const bool downscale = std::min(image.width, image.height) >= kDownscaleMinSide;
  GrayImage half;
  GrayView fast = image;
  float scale = 1.0f;  // from the fast pass's pixels to the frame's
  if (downscale) {
    half = downscale_half(image);
    fast = half.view();
    scale = 2.0f;
  }
  ++out.passes;
  const bool decoded = collect(ZXing::ReadBarcodes(zx_view(fast), hints(options_, false)), scale, out);
  // Full resolution: finder patterns of small codes vanish at half size.
  const FinderScan scan = scan_finder_patterns(image, 2);
  out.sighting.finder_hits = scan.hits;
  out.sighting.finder_module_px = scan.mean_module;
  if (decoded) {
    return out;
  }
  if (scan.hits < kFinderHitsForThoroughPass && !out.sighting.undecoded) {
    return out;
  }
  // A code ZXing located but could not read may lie beyond the finder-like
  // patterns: then the whole frame gets the thorough pass.
  const Region region = out.sighting.undecoded || scan.hits == 0 ? Region{0, 0, image.width, image.height}
                                                                 : around_finders(image, scan);
  ++out.passes;
  const std::size_t before = out.symbols.size();
  const bool had_undecoded = out.sighting.undecoded.has_value();
  collect(ZXing::ReadBarcodes(zx_view(crop(image, region)), hints(options_, true)), 1.0f, out);
  for (std::size_t i = before; i < out.symbols.size(); ++i) {
    shift(out.symbols[i].corners, region);
  }
  if (!had_undecoded && out.sighting.undecoded) {
    shift(*out.sighting.undecoded, region);
  }
  return out;
}

}  // namespace kiosk::qr
