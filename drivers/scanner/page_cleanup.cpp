#include "drivers/scanner/page_cleanup.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <vector>

#include "drivers/scanner/page_geometry.hpp"

namespace kiosk::scanner {
namespace {

constexpr int kDark = 96;

// Ink below this level: halfway between the paper's white and full black,
// so that a greyish recycled paper still counts as paper.
int ink_level(const pdf::Raster& grey) {
  std::array<std::size_t, 256> histogram{};
  for (std::uint8_t v : grey.pixels) {
    ++histogram[v];
  }
  // The paper's white: the 90th percentile brightness.
  const std::size_t target = grey.pixels.size() * 9 / 10;
  std::size_t seen = 0;
  int paper = 255;
  for (int v = 0; v < 256; ++v) {
    seen += histogram[static_cast<std::size_t>(v)];
    if (seen >= target) {
      paper = v;
      break;
    }
  }
  return std::max(40, paper / 2 + 10);
}

}  // namespace

pdf::Raster remove_borders(const pdf::Raster& image) {
  const pdf::Raster grey = to_grey(image);
  const int w = grey.width;
  const int h = grey.height;
  auto dark_row = [&](int y) {
    int dark = 0;
    const std::uint8_t* row = grey.row(y);
    for (int x = 0; x < w; ++x) {
      dark += row[x] < kDark ? 1 : 0;
    }
    return dark * 5 > w * 4;
  };
  auto dark_column = [&](int x) {
    int dark = 0;
    for (int y = 0; y < h; ++y) {
      dark += grey.row(y)[x] < kDark ? 1 : 0;
    }
    return dark * 5 > h * 4;
  };
  int top = 0;
  int bottom = h;
  int left = 0;
  int right = w;
  // Borders are a few millimetres; anything thicker is the page's content.
  while (top < h / 6 && dark_row(top)) {
    ++top;
  }
  while (bottom > h - h / 6 && dark_row(bottom - 1)) {
    --bottom;
  }
  while (left < w / 6 && dark_column(left)) {
    ++left;
  }
  while (right > w - w / 6 && dark_column(right - 1)) {
    --right;
  }
  if (top == 0 && left == 0 && bottom == h && right == w) {
    return image;
  }
  // What is left must look like paper (mostly light), or the dark edges were
  // part of a dark page.
  std::size_t light = 0;
  std::size_t total = 0;
  for (int y = top; y < bottom; y += 4) {
    for (int x = left; x < right; x += 4) {
      light += grey.row(y)[x] >= 160 ? 1 : 0;
      ++total;
    }
  }
  if (light * 2 < total) {
    return image;
  }
  pdf::Raster out(right - left, bottom - top, image.channels);
  for (int y = top; y < bottom; ++y) {
    std::copy(image.row(y) + static_cast<std::ptrdiff_t>(left) * image.channels,
              image.row(y) + static_cast<std::ptrdiff_t>(right) * image.channels, out.row(y - top));
  }
  return out;
}

double estimate_skew(const pdf::Raster& grey, double max_degrees) {
  // About 75 dpi is plenty to see text lines and keeps this cheap.
  const int factor = std::max(1, grey.width / 640);
  const pdf::Raster small = downscale(grey, factor);
  const int level = ink_level(small);
  std::vector<std::pair<float, float>> ink;
  const double cx = small.width / 2.0;
  const double cy = small.height / 2.0;
  for (int y = 0; y < small.height; ++y) {
    for (int x = 0; x < small.width; ++x) {
      if (small.row(y)[x] < level) {
        ink.emplace_back(static_cast<float>(x - cx), static_cast<float>(y - cy));
      }
    }
  }
  if (ink.size() < 50) {
    return 0;
  }
  const int rows = static_cast<int>(std::hypot(small.width, small.height)) + 2;
  std::vector<int> profile(static_cast<std::size_t>(rows));
  auto score = [&](double degrees) {
    const double rad = degrees * std::numbers::pi / 180.0;
    const auto s = static_cast<float>(std::sin(rad));
    const auto c = static_cast<float>(std::cos(rad));
    std::fill(profile.begin(), profile.end(), 0);
    for (const auto& [x, y] : ink) {
      // Row of the ink point once the page is turned by `degrees`.
      const int r = static_cast<int>(std::lround(y * c - x * s + rows / 2.0));
      if (r >= 0 && r < rows) {
        ++profile[static_cast<std::size_t>(r)];
      }
    }
    double total = 0;
    for (int v : profile) {
      total += static_cast<double>(v) * v;
    }
    return total;
  };
  double best = 0;
  double best_score = score(0);
  for (double step : {0.5, 0.1, 0.02}) {
    const double centre = best;
    const double span = step == 0.5 ? max_degrees : step * 5;
    for (double a = centre - span; a <= centre + span + 1e-9; a += step) {
      const double s = score(a);
      if (s > best_score * (1 + 1e-9)) {
        best_score = s;
        best = a;
      }
    }
  }
  return best;
}

bool is_blank(const pdf::Raster& grey, double ink_ratio) {
  // Averaging 4x4 blocks drops dust and scanner noise, not pen strokes.
  const pdf::Raster small = downscale(grey, 4);
  const int margin_x = small.width / 20;
  const int margin_y = small.height / 20;
  const int ink = ink_level(small);
  if (ink < 64) {
    return false;  // dark all over: a photo or a black page, not an empty one
  }
  const int level = std::min(ink, 200) - 40;
  std::size_t inked = 0;
  std::size_t total = 0;
  for (int y = margin_y; y < small.height - margin_y; ++y) {
    for (int x = margin_x; x < small.width - margin_x; ++x) {
      inked += small.row(y)[x] < level ? 1 : 0;
      ++total;
    }
  }
  return total == 0 || static_cast<double>(inked) < ink_ratio * static_cast<double>(total);
}

pdf::ColourMode choose_mode(const pdf::Raster& image) {
  const int factor = std::max(1, image.width / 400);
  if (image.channels == 3) {
    std::size_t coloured = 0;
    std::size_t total = 0;
    // A diagonal sampling grid, so that stripes at the grid's period are not
    // missed or over-counted.
    for (int y = 0; y < image.height; y += 3) {
      const std::uint8_t* row = image.row(y);
      for (int x = y % (factor * 7); x < image.width; x += factor * 7) {
        const std::uint8_t* p = row + static_cast<std::ptrdiff_t>(x) * 3;
        const int hi = std::max({p[0], p[1], p[2]});
        const int lo = std::min({p[0], p[1], p[2]});
        coloured += (hi - lo > 48) ? 1 : 0;
        ++total;
      }
    }
    if (coloured * 200 > total) {  // over half a percent: a stamp, a photo, a coloured form
      return pdf::ColourMode::Colour;
    }
  }
  // Sampled, not averaged: averaging would turn every ink edge into mid-grey.
  const pdf::Raster grey = to_grey(image);
  pdf::Raster small(std::max(1, grey.width / factor), std::max(1, grey.height / factor), 1);
  for (int y = 0; y < small.height; ++y) {
    const int source_y = std::min(grey.height - 1, y * factor + y % factor);
    for (int x = 0; x < small.width; ++x) {
      small.row(y)[x] = grey.row(source_y)[std::min(grey.width - 1, x * factor + (x + y) % factor)];
    }
  }
  const int paper = std::clamp(ink_level(small) * 2 - 20, 60, 255);
  std::size_t mid = 0;
  for (std::uint8_t v : small.pixels) {
    mid += (v > paper / 4 && v < paper * 3 / 4) ? 1 : 0;
  }
  return mid * 100 < small.pixels.size() * 6 ? pdf::ColourMode::BlackWhite : pdf::ColourMode::Grey;
}

CleanedPage clean_page(const pdf::Raster& image, const CleanupOptions& options) {
  CleanedPage page;
  page.image = options.remove_borders ? remove_borders(image) : image;
  if (options.deskew) {
    const double skew = estimate_skew(to_grey(page.image), options.max_skew_degrees);
    if (std::abs(skew) >= 0.1) {
      page.image = rotate(page.image, skew);
      page.skew_degrees = skew;
    }
  }
  const pdf::Raster grey = to_grey(page.image);
  page.blank = is_blank(grey, options.blank_ink_ratio);
  page.mode = choose_mode(page.image);
  if (page.mode == pdf::ColourMode::BlackWhite) {
    const int threshold = otsu_threshold(downscale(grey, 2));
    pdf::Raster bw(grey.width, grey.height, 1);
    for (std::size_t i = 0; i < grey.pixels.size(); ++i) {
      bw.pixels[i] = grey.pixels[i] <= threshold ? 0 : 255;
    }
    page.image = std::move(bw);
  }
  return page;
}

}  // namespace kiosk::scanner
