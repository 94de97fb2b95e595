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
  ++out.passes;
  collect(ZXing::ReadBarcodes(zx_view(image), hints(options_, true)), 1.0f, out);
  return out;
}

}  // namespace kiosk::qr
