#include "drivers/qr/qr_decoder.hpp"

#include <ZXing/ReadBarcode.h>

#include <algorithm>

#include "drivers/qr/contrast.hpp"
#include "drivers/qr/finder_scan.hpp"
#include "drivers/qr/zbar_reader.hpp"

namespace kiosk::qr {
namespace {

// Below this shorter side the half-size pass would make modules too small.
constexpr int kDownscaleMinSide = 600;
// Rows crossing finder-like patterns before the thorough pass is worth it.
constexpr int kFinderHitsForThoroughPass = 2;
// Patterns of smaller modules at full size are noise and texture: no decoder
// reads a code that small, and sending them to the slower stages made
// frames without a code cost several times the usual.
constexpr float kMinFinderModulePx = 1.5f;
// The thorough pass looks only around the finder-like patterns: this many
// modules beyond them holds the rest of a code (version 10 is 57 modules
// wide) even when just one of its three finders was seen.
constexpr float kCodeReachModules = 60.0f;
// Tiles of the contrast normalisation: a few modules of the smallest code
// the camera reads, large enough that a tile rarely sees only one colour.
constexpr int kNormaliseBlockHalf = 16;
constexpr int kNormaliseBlock = 32;
// Modules at or under this many pixels get the double-size stage.
constexpr float kSmallModulePx = 3.5f;
// The double-size stage is skipped on regions larger than this (pixels
// before doubling): ZXing trying harder on them costs more than a frame.
constexpr int kUpscaleMaxArea = 700 * 500;

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

Region unite(const Region& a, const Region& b) {
  const int left = std::min(a.left, b.left);
  const int top = std::min(a.top, b.top);
  return {left, top, std::max(a.left + a.width, b.left + b.width) - left,
          std::max(a.top + a.height, b.top + b.height) - top};
}

ZXing::DecodeHints hints(const QrDecoder::Options& options, bool thorough,
                         ZXing::Binarizer binarizer = ZXing::Binarizer::LocalAverage) {
  ZXing::BarcodeFormats formats = ZXing::BarcodeFormat::QRCode;
  if (options.micro_qr) {
    formats |= ZXing::BarcodeFormat::MicroQRCode;
  }
  ZXing::DecodeHints h;
  h.setFormats(formats)
      .setTryHarder(thorough)
      .setTryRotate(false)  // QR detection is rotation invariant already
      .setTryDownscale(thorough)
      .setBinarizer(binarizer)
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
bool collect(const ZXing::Results& results, float scale, DecodeOutcome& out, Stage stage) {
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
      out.read_by = stage;
    } else if (r.format() != ZXing::BarcodeFormat::None && !out.sighting.undecoded) {
      out.sighting.undecoded = to_quad(r.position(), scale);
    }
  }
  return any;
}

ZXing::ImageView zx_view(const GrayView& g) {
  return {g.data, g.width, g.height, ZXing::ImageFormat::Lum, g.stride};
}

// Scales a quad from a stage's pixels to the frame's and moves it by the
// stage region's offset.
void place(Quad& quad, float scale, const Region& r) {
  for (PointF& p : quad) {
    p.x = p.x * scale + static_cast<float>(r.left);
    p.y = p.y * scale + static_cast<float>(r.top);
  }
}

}  // namespace

const char* to_string(Stage stage) {
  switch (stage) {
    case Stage::kNone:
      return "none";
    case Stage::kFast:
      return "fast";
    case Stage::kFullSize:
      return "full-size";
    case Stage::kThorough:
      return "thorough";
    case Stage::kNormalised:
      return "normalised";
    case Stage::kGlobal:
      return "global";
    case Stage::kUpscaled:
      return "upscaled";
    case Stage::kZbar:
      return "zbar";
    case Stage::kWholeFrame:
      return "whole-frame";
  }
  return "?";
}

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
  const bool decoded =
      collect(ZXing::ReadBarcodes(zx_view(fast), hints(options_, false)), scale, out, Stage::kFast);
  // Full resolution: finder patterns of small codes vanish at half size.
  const FinderScan scan = scan_finder_patterns(image, 2);
  out.sighting.finder_hits = scan.hits;
  out.sighting.finder_module_px = scan.mean_module;
  if (decoded) {
    return out;
  }
  // A faded or shadowed print is below the finder scan's contrast margin;
  // its normalised copy is not. Half size keeps this under a millisecond.
  FinderScan faint;
  if (options_.normalised) {
    const GrayImage normalised_half = normalise_contrast(fast, kNormaliseBlockHalf);
    faint = scan_finder_patterns(normalised_half.view(), 1);
    if (faint.hits >= kFinderHitsForThoroughPass && scan.hits < kFinderHitsForThoroughPass) {
      // Report what the normalised copy saw, in the frame's pixels.
      out.sighting.finder_hits = faint.hits;
      out.sighting.finder_module_px = faint.mean_module * scale;
    }
  }
  const bool seen = scan.hits >= kFinderHitsForThoroughPass && scan.mean_module >= kMinFinderModulePx;
  const bool faint_seen = faint.hits >= kFinderHitsForThoroughPass;
  // ZXing trying harder on the whole frame at full size: what the stages
  // below would run there first (but for the downscaled retries), so it is
  // not repeated when they follow.
  bool full_size_done = false;
  auto full_size = [&] {
    ++out.passes;
    full_size_done = true;
    // Without the downscaled retries: the half-size pass has had that view.
    ZXing::DecodeHints h = hints(options_, true);
    h.setTryDownscale(false);
    return collect(ZXing::ReadBarcodes(zx_view(image), h), 1.0f, out, Stage::kFullSize);
  };
  if (!seen && !faint_seen && !out.sighting.undecoded) {
    // Modules of two pixels or less: the half-size pass cannot resolve them
    // and blur leaves their finder patterns under the scan's contrast margin.
    // A code this pass locates but cannot read gets the stages below.
    if (!options_.full_size || full_size() || !out.sighting.undecoded) {
      return out;
    }
  }
  // A code ZXing located but could not read may lie beyond the finder-like
  // patterns: then the whole frame gets the slower stages.
  Region region{0, 0, image.width, image.height};
  float module_px = 0;
  if (!out.sighting.undecoded) {
    if (seen) {
      region = around_finders(image, scan);
      module_px = scan.mean_module;
    }
    if (faint_seen) {
      FinderScan full = faint;  // in the frame's pixels
      full.min_x = static_cast<int>(static_cast<float>(faint.min_x) * scale);
      full.max_x = static_cast<int>(static_cast<float>(faint.max_x) * scale);
      full.min_y = static_cast<int>(static_cast<float>(faint.min_y) * scale);
      full.max_y = static_cast<int>(static_cast<float>(faint.max_y) * scale);
      full.max_module = faint.max_module * scale;
      const Region around = around_finders(image, full);
      region = seen ? unite(region, around) : around;
      module_px = seen ? std::min(module_px, faint.mean_module * scale) : faint.mean_module * scale;
    }
  }
  const bool had_undecoded = out.sighting.undecoded.has_value();
  out.sighting.searched = Area{region.left, region.top, region.width, region.height};
  const GrayView area = crop(image, region);
  // Runs one stage on `view` (`view_scale` of its pixels to the region's);
  // true when it read something.
  auto stage = [&](Stage which, const GrayView& view, float view_scale, auto&& read) {
    ++out.passes;
    const std::size_t before = out.symbols.size();
    const bool any = read(view, which);
    for (std::size_t i = before; i < out.symbols.size(); ++i) {
      place(out.symbols[i].corners, view_scale, region);
    }
    return any;
  };
  auto zxing = [&](ZXing::Binarizer binarizer) {
    return [&, binarizer](const GrayView& view, Stage which) {
      return collect(ZXing::ReadBarcodes(zx_view(view), hints(options_, true, binarizer)), 1.0f, out, which);
    };
  };
  const bool whole = region.width == image.width && region.height == image.height;
  bool read = full_size_done && whole
                  ? false
                  : stage(Stage::kThorough, area, 1.0f, zxing(ZXing::Binarizer::LocalAverage));
  if (!had_undecoded && out.sighting.undecoded) {
    place(*out.sighting.undecoded, 1.0f, region);
  }
  GrayImage normalised;
  if (!read && (options_.normalised || options_.global || options_.upscaled || options_.zbar)) {
    normalised = normalise_contrast(area, kNormaliseBlock);
  }
  if (!read && options_.normalised) {
    read = stage(Stage::kNormalised, normalised.view(), 1.0f, zxing(ZXing::Binarizer::LocalAverage));
  }
  // Past this point a stage costs more than a frame: only for a code the
  // finder scan saw at full contrast or ZXing located, not for patterns that
  // only the stretched noise of an empty wall may show.
  if (!seen && !out.sighting.undecoded) {
    // The region around faint patterns may cut off a code ZXing finds on
    // the whole frame.
    if (!read && options_.full_size && !whole) {
      full_size();
    }
    return out;
  }
  if (!read && options_.global) {
    read = stage(Stage::kGlobal, normalised.view(), 1.0f, zxing(ZXing::Binarizer::GlobalHistogram));
  }
  if (!read && options_.upscaled && (module_px == 0 || module_px <= kSmallModulePx) &&
      region.width * region.height <= kUpscaleMaxArea) {
    const GrayImage doubled = upscale_double(normalised.view());
    read = stage(Stage::kUpscaled, doubled.view(), 0.5f, zxing(ZXing::Binarizer::LocalAverage));
  }
  if (!read && options_.zbar) {
    read = stage(Stage::kZbar, normalised.view(), 1.0f, [&](const GrayView& view, Stage which) {
      bool any = false;
      for (DecodedSymbol& s : read_with_zbar(view)) {
        const bool dup = std::any_of(out.symbols.begin(), out.symbols.end(),
                                     [&](const DecodedSymbol& o) { return o.text == s.text; });
        if (!dup) {
          out.symbols.push_back(std::move(s));
        }
        any = true;
        out.read_by = which;
      }
      return any;
    });
  }
  if (!read && options_.whole_frame) {
    ++out.passes;
    for (const auto binarizer : {ZXing::Binarizer::LocalAverage, ZXing::Binarizer::GlobalHistogram}) {
      ZXing::DecodeHints h = hints(options_, true, binarizer);
      h.setTryRotate(true);
      if (collect(ZXing::ReadBarcodes(zx_view(image), h), 1.0f, out, Stage::kWholeFrame)) {
        break;
      }
    }
  }
  return out;
}

}  // namespace kiosk::qr
