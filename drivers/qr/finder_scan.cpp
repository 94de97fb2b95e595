#include "drivers/qr/finder_scan.hpp"

#include <algorithm>
#include <array>
#include <cstdlib>
#include <vector>

namespace kiosk::qr {
namespace {

constexpr int kHalfWindow = 24;  // local threshold window, pixels each side
// Darker than the local mean by this much: well above sensor noise, well
// below the contrast of a printed code.
constexpr int kMargin = 24;

bool finder_ratio(const std::array<int, 5>& r, float& module) {
  const int total = r[0] + r[1] + r[2] + r[3] + r[4];
  if (total < 7) {
    return false;
  }
  module = static_cast<float>(total) / 7.0f;
  const float tolerance = module * 0.6f;
  auto near = [&](int run, float expected) {
    return std::abs(static_cast<float>(run) - expected) <= tolerance * (expected / module);
  };
  return near(r[0], module) && near(r[1], module) &&
         std::abs(static_cast<float>(r[2]) - 3 * module) <= 1.5f * module && near(r[3], module) &&
         near(r[4], module);
}

// The same 1:1:3:1:1 pattern must cross column `x` vertically around row
// `y`: text and textures rarely do, finder patterns always do.
bool vertical_check(const GrayView& img, int x, int y, int threshold) {
  auto dark = [&](int yy) { return img.row(yy)[x] + kMargin < threshold; };
  if (!dark(y)) {
    return false;
  }
  std::array<int, 5> r{};
  int yy = y;
  while (yy >= 0 && dark(yy)) {
    ++r[2];
    --yy;
  }
  while (yy >= 0 && !dark(yy)) {
    ++r[1];
    --yy;
  }
  while (yy >= 0 && dark(yy)) {
    ++r[0];
    --yy;
  }
  yy = y + 1;
  while (yy < img.height && dark(yy)) {
    ++r[2];
    ++yy;
  }
  while (yy < img.height && !dark(yy)) {
    ++r[3];
    ++yy;
  }
  while (yy < img.height && dark(yy)) {
    ++r[4];
    ++yy;
  }
  float module = 0;
  return finder_ratio(r, module);
}

}  // namespace

FinderScan scan_finder_patterns(const GrayView& image, int row_step) {
  FinderScan out;
  if (image.width < 2 * kHalfWindow || image.height < 1) {
    return out;
  }
  std::vector<int> prefix(static_cast<std::size_t>(image.width) + 1);
  struct Hit {
    int x, y;
    float module;
  };
  std::vector<Hit> hits;
  for (int y = 0; y < image.height; y += row_step) {
    const std::uint8_t* row = image.row(y);
    prefix[0] = 0;
    for (int x = 0; x < image.width; ++x) {
      prefix[static_cast<std::size_t>(x) + 1] = prefix[static_cast<std::size_t>(x)] + row[x];
    }
    std::array<int, 5> runs{};
    int count = 0;  // runs filled so far, the last one growing
    bool dark_run = false;
    for (int x = 0; x < image.width; ++x) {
      const int lo = x - kHalfWindow < 0 ? 0 : x - kHalfWindow;
      const int hi = x + kHalfWindow >= image.width ? image.width - 1 : x + kHalfWindow;
      const int mean =
          (prefix[static_cast<std::size_t>(hi) + 1] - prefix[static_cast<std::size_t>(lo)]) / (hi - lo + 1);
      const bool dark = row[x] + kMargin < mean;
      if (count == 0) {
        if (dark) {
          count = 1;
          runs[0] = 1;
          dark_run = true;
        }
        continue;
      }
      if (dark == dark_run) {
        ++runs[static_cast<std::size_t>(count - 1)];
        continue;
      }
      // Run ended: the colour changed.
      if (count == 5) {
        float module = 0;
        const int center = x - runs[4] - runs[3] - runs[2] / 2 - 1;
        if (finder_ratio(runs, module) && center >= 0 &&
            vertical_check(
                image, center, y,
                (prefix[static_cast<std::size_t>(std::min(center + kHalfWindow, image.width - 1)) + 1] -
                 prefix[static_cast<std::size_t>(std::max(center - kHalfWindow, 0))]) /
                    (std::min(center + kHalfWindow, image.width - 1) - std::max(center - kHalfWindow, 0) +
                     1))) {
          hits.push_back({center, y, module});
        }
        // Slide by two runs so the pattern keeps starting on a dark run.
        runs = {runs[2], runs[3], runs[4], 1, 0};
        count = 4;
      } else {
        runs[static_cast<std::size_t>(count)] = 1;
        ++count;
      }
      dark_run = dark;
    }
  }
  // A finder pattern is several modules tall, so it is crossed by more than
  // one scanned row at nearly the same x; noise and text rarely are.
  float module_sum = 0;
  for (std::size_t i = 0; i < hits.size(); ++i) {
    const Hit& h = hits[i];
    const bool confirmed = std::any_of(hits.begin(), hits.end(), [&](const Hit& o) {
      return &o != &h && std::abs(o.y - h.y) <= row_step &&
             static_cast<float>(std::abs(o.x - h.x)) <= std::max(2.0f, h.module);
    });
    if (confirmed) {
      if (out.hits == 0) {
        out.min_x = out.max_x = h.x;
        out.min_y = out.max_y = h.y;
      }
      ++out.hits;
      module_sum += h.module;
      out.max_module = std::max(out.max_module, h.module);
      out.min_x = std::min(out.min_x, h.x);
      out.max_x = std::max(out.max_x, h.x);
      out.min_y = std::min(out.min_y, h.y);
      out.max_y = std::max(out.max_y, h.y);
    }
  }
  out.mean_module = out.hits > 0 ? module_sum / static_cast<float>(out.hits) : 0.0f;
  return out;
}

}  // namespace kiosk::qr
