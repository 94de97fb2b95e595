#include "drivers/scanner/page_geometry.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <vector>

namespace kiosk::scanner {
namespace {

// Bilinear sample at (x, y); outside the raster is white paper.
void sample(const pdf::Raster& image, double x, double y, std::uint8_t* out) {
  const int c = image.channels;
  if (x < 0 || y < 0 || x > image.width - 1 || y > image.height - 1) {
    std::fill(out, out + c, std::uint8_t{255});
    return;
  }
  const int x0 = static_cast<int>(x);
  const int y0 = static_cast<int>(y);
  const int x1 = std::min(x0 + 1, image.width - 1);
  const int y1 = std::min(y0 + 1, image.height - 1);
  const double fx = x - x0;
  const double fy = y - y0;
  const std::uint8_t* r0 = image.row(y0);
  const std::uint8_t* r1 = image.row(y1);
  for (int k = 0; k < c; ++k) {
    const double top = r0[x0 * c + k] * (1 - fx) + r0[x1 * c + k] * fx;
    const double bottom = r1[x0 * c + k] * (1 - fx) + r1[x1 * c + k] * fx;
    out[k] = static_cast<std::uint8_t>(std::lround(top * (1 - fy) + bottom * fy));
  }
}

// Homography taking the unit rectangle's corners (0,0),(w,0),(w,h),(0,h) to
// `quad`, by solving the 8x8 linear system with Gaussian elimination.
std::optional<std::array<double, 9>> homography(const Quad& quad, int width, int height) {
  const Point src[4] = {{0, 0},
                        {static_cast<double>(width), 0},
                        {static_cast<double>(width), static_cast<double>(height)},
                        {0, static_cast<double>(height)}};
  double a[8][9] = {};
  for (int i = 0; i < 4; ++i) {
    const double x = src[i].x;
    const double y = src[i].y;
    const double u = quad[static_cast<std::size_t>(i)].x;
    const double v = quad[static_cast<std::size_t>(i)].y;
    double* r0 = a[2 * i];
    double* r1 = a[2 * i + 1];
    r0[0] = x, r0[1] = y, r0[2] = 1, r0[6] = -u * x, r0[7] = -u * y, r0[8] = u;
    r1[3] = x, r1[4] = y, r1[5] = 1, r1[6] = -v * x, r1[7] = -v * y, r1[8] = v;
  }
  for (int col = 0; col < 8; ++col) {
    int pivot = col;
    for (int r = col + 1; r < 8; ++r) {
      if (std::abs(a[r][col]) > std::abs(a[pivot][col])) {
        pivot = r;
      }
    }
    if (std::abs(a[pivot][col]) < 1e-12) {
      return std::nullopt;
    }
    std::swap(a[col], a[pivot]);
    for (int r = 0; r < 8; ++r) {
      if (r == col) {
        continue;
      }
      const double f = a[r][col] / a[col][col];
      for (int k = col; k < 9; ++k) {
        a[r][k] -= f * a[col][k];
      }
    }
  }
  std::array<double, 9> h{};
  for (int i = 0; i < 8; ++i) {
    h[static_cast<std::size_t>(i)] = a[i][8] / a[i][i];
  }
  h[8] = 1;
  return h;
}

}  // namespace

pdf::Raster to_grey(const pdf::Raster& image) {
  if (image.channels == 1) {
    return image;
  }
  pdf::Raster grey(image.width, image.height, 1);
  const std::size_t n = static_cast<std::size_t>(image.width) * image.height;
  for (std::size_t i = 0; i < n; ++i) {
    const std::uint8_t* p = &image.pixels[i * 3];
    grey.pixels[i] = static_cast<std::uint8_t>((77 * p[0] + 150 * p[1] + 29 * p[2]) >> 8);
  }
  return grey;
}

pdf::Raster downscale(const pdf::Raster& grey, int factor) {
  factor = std::max(1, factor);
  const int w = std::max(1, grey.width / factor);
  const int h = std::max(1, grey.height / factor);
  pdf::Raster out(w, h, 1);
  std::vector<int> sums(static_cast<std::size_t>(w));
  for (int y = 0; y < h; ++y) {
    std::fill(sums.begin(), sums.end(), 0);
    int rows = 0;
    for (int dy = 0; dy < factor && y * factor + dy < grey.height; ++dy, ++rows) {
      const std::uint8_t* in = grey.row(y * factor + dy);
      for (int x = 0; x < w; ++x) {
        for (int dx = 0; dx < factor && x * factor + dx < grey.width; ++dx) {
          sums[static_cast<std::size_t>(x)] += in[x * factor + dx];
        }
      }
    }
    for (int x = 0; x < w; ++x) {
      const int cols = std::min(factor, grey.width - x * factor);
      out.row(y)[x] = static_cast<std::uint8_t>(sums[static_cast<std::size_t>(x)] / std::max(1, rows * cols));
    }
  }
  return out;
}

pdf::Raster rotate(const pdf::Raster& image, double degrees) {
  pdf::Raster out(image.width, image.height, image.channels);
  const double rad = degrees * std::numbers::pi / 180.0;
  const double c = std::cos(rad);
  const double s = std::sin(rad);
  const double cx = (image.width - 1) / 2.0;
  const double cy = (image.height - 1) / 2.0;
  for (int y = 0; y < image.height; ++y) {
    std::uint8_t* row = out.row(y);
    const double dy = y - cy;
    for (int x = 0; x < image.width; ++x) {
      const double dx = x - cx;
      // Inverse mapping: where in the source this output pixel comes from.
      sample(image, cx + c * dx - s * dy, cy + s * dx + c * dy, row + x * image.channels);
    }
  }
  return out;
}

int otsu_threshold(const pdf::Raster& grey) {
  std::array<double, 256> histogram{};
  for (std::uint8_t v : grey.pixels) {
    histogram[v] += 1;
  }
  const double total = static_cast<double>(grey.pixels.size());
  double sum = 0;
  for (int i = 0; i < 256; ++i) {
    sum += i * histogram[static_cast<std::size_t>(i)];
  }
  double weight_back = 0;
  double sum_back = 0;
  double best = -1;
  int threshold = 128;
  for (int t = 0; t < 256; ++t) {
    weight_back += histogram[static_cast<std::size_t>(t)];
    if (weight_back == 0) {
      continue;
    }
    const double weight_fore = total - weight_back;
    if (weight_fore == 0) {
      break;
    }
    sum_back += t * histogram[static_cast<std::size_t>(t)];
    const double mean_back = sum_back / weight_back;
    const double mean_fore = (sum - sum_back) / weight_fore;
    const double between = weight_back * weight_fore * (mean_back - mean_fore) * (mean_back - mean_fore);
    if (between > best) {
      best = between;
      threshold = t;
    }
  }
  return threshold;
}

std::optional<Quad> find_sheet(const pdf::Raster& image) {
  const pdf::Raster grey = to_grey(image);
  const int factor = std::max(1, std::max(grey.width, grey.height) / 400);
  const pdf::Raster small = downscale(grey, factor);
  const int threshold = otsu_threshold(small);
  const int w = small.width;
  const int h = small.height;
  std::vector<int> label(static_cast<std::size_t>(w) * h, 0);
  std::vector<int> stack;
  int best_label = 0;
  std::size_t best_size = 0;
  int next = 0;
  for (int start = 0; start < w * h; ++start) {
    if (label[static_cast<std::size_t>(start)] != 0 ||
        small.pixels[static_cast<std::size_t>(start)] <= threshold) {
      continue;
    }
    ++next;
    std::size_t size = 0;
    stack.push_back(start);
    label[static_cast<std::size_t>(start)] = next;
    while (!stack.empty()) {
      const int p = stack.back();
      stack.pop_back();
      ++size;
      const int px = p % w;
      const int py = p / w;
      const int neighbours[4][2] = {{px - 1, py}, {px + 1, py}, {px, py - 1}, {px, py + 1}};
      for (const auto& n : neighbours) {
        if (n[0] < 0 || n[1] < 0 || n[0] >= w || n[1] >= h) {
          continue;
        }
        const int q = n[1] * w + n[0];
        if (label[static_cast<std::size_t>(q)] == 0 &&
            small.pixels[static_cast<std::size_t>(q)] > threshold) {
          label[static_cast<std::size_t>(q)] = next;
          stack.push_back(q);
        }
      }
    }
    if (size > best_size) {
      best_size = size;
      best_label = next;
    }
  }
  if (best_size * 10 < static_cast<std::size_t>(w) * h) {
    return std::nullopt;
  }
  double min_sum = 1e18;
  double max_sum = -1e18;
  double min_diff = 1e18;
  double max_diff = -1e18;
  Quad quad{};
  for (int y = 0; y < h; ++y) {
    for (int x = 0; x < w; ++x) {
      if (label[static_cast<std::size_t>(y) * w + x] != best_label) {
        continue;
      }
      const Point p{(x + 0.5) * factor, (y + 0.5) * factor};
      const double sum = p.x + p.y;
      const double diff = p.x - p.y;
      if (sum < min_sum) {
        min_sum = sum;
        quad[0] = p;
      }
      if (diff > max_diff) {
        max_diff = diff;
        quad[1] = p;
      }
      if (sum > max_sum) {
        max_sum = sum;
        quad[2] = p;
      }
      if (diff < min_diff) {
        min_diff = diff;
        quad[3] = p;
      }
    }
  }
  return quad;
}

pdf::Raster warp_quad(const pdf::Raster& image, const Quad& quad, int width, int height) {
  pdf::Raster out(width, height, image.channels);
  const auto h = homography(quad, width, height);
  if (!h) {
    return out;
  }
  const auto& m = *h;
  for (int y = 0; y < height; ++y) {
    std::uint8_t* row = out.row(y);
    for (int x = 0; x < width; ++x) {
      const double px = x + 0.5;
      const double py = y + 0.5;
      const double d = m[6] * px + m[7] * py + m[8];
      sample(image, (m[0] * px + m[1] * py + m[2]) / d - 0.5, (m[3] * px + m[4] * py + m[5]) / d - 0.5,
             row + x * image.channels);
    }
  }
  return out;
}

}  // namespace kiosk::scanner
