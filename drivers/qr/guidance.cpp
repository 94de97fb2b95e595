#include "drivers/qr/guidance.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdlib>

namespace kiosk::qr {
namespace {

constexpr int kSaturated = 250;
// Saturated share of the code's area (located) or of the guide frame.
constexpr float kGlareFractionOnCode = 0.03f;
constexpr float kGlareFractionInFrame = 0.012f;
constexpr float kMinCodeSidePx = 110.0f;  // a version 6-10 code needs ~2.5 px per module
constexpr float kMinFinderModulePx = 2.0f;
constexpr float kBlurredSharpness = 0.30f;

struct Box {
  int x0, y0, x1, y1;
};

Box clamp_box(float x0, float y0, float x1, float y1, const GrayView& img) {
  auto cx = [&](float v) { return std::clamp(static_cast<int>(v), 0, img.width); };
  auto cy = [&](float v) { return std::clamp(static_cast<int>(v), 0, img.height); };
  return {cx(x0), cy(y0), cx(x1), cy(y1)};
}

// Where the code probably is: the located quad, else the middle of the frame
// where the guide frame asks people to hold the card.
Box region_of(const DecodeOutcome& outcome, const GrayView& img, float& side) {
  side = 0;
  if (outcome.sighting.undecoded) {
    const Quad& q = *outcome.sighting.undecoded;
    float x0 = q[0].x, x1 = q[0].x, y0 = q[0].y, y1 = q[0].y;
    for (const PointF& p : q) {
      x0 = std::min(x0, p.x);
      x1 = std::max(x1, p.x);
      y0 = std::min(y0, p.y);
      y1 = std::max(y1, p.y);
    }
    side = std::max(x1 - x0, y1 - y0);
    const float pad = side * 0.15f;
    return clamp_box(x0 - pad, y0 - pad, x1 + pad, y1 + pad, img);
  }
  return clamp_box(static_cast<float>(img.width) * 0.25f, static_cast<float>(img.height) * 0.2f,
                   static_cast<float>(img.width) * 0.75f, static_cast<float>(img.height) * 0.8f, img);
}

}  // namespace

std::string_view to_string(Hint hint) {
  switch (hint) {
    case Hint::kNone:
      return "none";
    case Hint::kNoCodeSeen:
      return "no_code_seen";
    case Hint::kMoveCloser:
      return "move_closer";
    case Hint::kTooMuchGlare:
      return "too_much_glare";
    case Hint::kHoldStill:
      return "hold_still";
  }
  return "none";
}

GuidanceMeasures measure_guidance(const DecodeOutcome& outcome, const GrayView& img) {
  GuidanceMeasures m;
  if (img.data == nullptr || img.width < 4 || img.height < 4) {
    return m;
  }
  const Box box = region_of(outcome, img, m.code_side_px);
  std::array<int, 256> levels{};
  std::array<int, 256> edges{};
  long saturated = 0;
  long count = 0;
  // Every second pixel of every second row is plenty for these statistics.
  for (int y = box.y0; y + 1 < box.y1; y += 2) {
    const std::uint8_t* row = img.row(y);
    const std::uint8_t* below = img.row(y + 1);
    for (int x = box.x0; x + 1 < box.x1; x += 2) {
      ++levels[row[x]];
      saturated += row[x] >= kSaturated;
      const int g = std::max(std::abs(row[x + 1] - row[x]), std::abs(below[x] - row[x]));
      ++edges[static_cast<std::size_t>(g)];
      ++count;
    }
  }
  if (count == 0) {
    return m;
  }
  m.glare_fraction = static_cast<float>(saturated) / static_cast<float>(count);
  auto percentile = [&](const std::array<int, 256>& h, double p) {
    long seen = 0;
    const long target = static_cast<long>(p * static_cast<double>(count));
    for (int i = 0; i < 256; ++i) {
      seen += h[static_cast<std::size_t>(i)];
      if (seen > target) {
        return i;
      }
    }
    return 255;
  };
  const int contrast = percentile(levels, 0.98) - percentile(levels, 0.02);
  const int strong_edge = percentile(edges, 0.99);
  m.sharpness =
      contrast > 16 ? std::min(1.0f, static_cast<float>(strong_edge) / static_cast<float>(contrast)) : 0.0f;
  return m;
}

Hint guidance_hint(const DecodeOutcome& outcome, const GrayView& image) {
  if (!outcome.symbols.empty()) {
    return Hint::kNone;
  }
  const GuidanceMeasures m = measure_guidance(outcome, image);
  const bool located = outcome.sighting.undecoded.has_value();
  // Finder-like patterns below 1.5 px per module are more often texture.
  const bool finder_seen = outcome.sighting.finder_hits >= 2 && outcome.sighting.finder_module_px >= 1.5f;
  if (m.glare_fraction >= (located ? kGlareFractionOnCode : kGlareFractionInFrame)) {
    return Hint::kTooMuchGlare;
  }
  if (!located && !finder_seen) {
    // Nothing recognisable; a soft picture means motion, a sharp one an empty view.
    return m.sharpness > 0 && m.sharpness < kBlurredSharpness ? Hint::kHoldStill : Hint::kNoCodeSeen;
  }
  if ((located && m.code_side_px < kMinCodeSidePx) ||
      (!located && outcome.sighting.finder_module_px < kMinFinderModulePx)) {
    return Hint::kMoveCloser;
  }
  if (m.sharpness < kBlurredSharpness) {
    return Hint::kHoldStill;
  }
  return located ? Hint::kHoldStill : Hint::kMoveCloser;
}

}  // namespace kiosk::qr
