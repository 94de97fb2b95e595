#include "drivers/qr/contrast.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

namespace kiosk::qr {
namespace {

// The spread of sensor noise on a flat surface: below it a tile is not
// stretched further, so empty walls do not turn into full-range noise.
constexpr float kMinSpread = 10.0f;
// Grey levels per standard deviation in the output, around mid grey.
constexpr float kOutputSpread = 50.0f;

std::vector<float> smooth3(const std::vector<float>& v, int w, int h) {
  std::vector<float> out(v.size());
  for (int y = 0; y < h; ++y) {
    for (int x = 0; x < w; ++x) {
      float sum = 0;
      int n = 0;
      for (int dy = -1; dy <= 1; ++dy) {
        for (int dx = -1; dx <= 1; ++dx) {
          const int yy = y + dy, xx = x + dx;
          if (yy >= 0 && xx >= 0 && yy < h && xx < w) {
            sum += v[static_cast<std::size_t>(yy * w + xx)];
            ++n;
          }
        }
      }
      out[static_cast<std::size_t>(y * w + x)] = sum / static_cast<float>(n);
    }
  }
  return out;
}

}  // namespace

GrayImage normalise_contrast(const GrayView& in, int block) {
  GrayImage out;
  if (in.data == nullptr || in.width <= 0 || in.height <= 0 || block <= 0) {
    return out;
  }
  const int bw = (in.width + block - 1) / block;
  const int bh = (in.height + block - 1) / block;
  std::vector<float> mean(static_cast<std::size_t>(bw * bh));
  std::vector<float> gain(mean.size());
  for (int by = 0; by < bh; ++by) {
    for (int bx = 0; bx < bw; ++bx) {
      // Every other pixel of every other row: a quarter of the work, the
      // same statistics.
      std::uint64_t sum = 0, sum2 = 0, n = 0;
      for (int y = by * block; y < std::min(in.height, (by + 1) * block); y += 2) {
        const std::uint8_t* row = in.row(y);
        for (int x = bx * block; x < std::min(in.width, (bx + 1) * block); x += 2) {
          sum += row[x];
          sum2 += static_cast<std::uint64_t>(row[x]) * row[x];
          ++n;
        }
      }
      const double m = static_cast<double>(sum) / static_cast<double>(n);
      const double var = static_cast<double>(sum2) / static_cast<double>(n) - m * m;
      mean[static_cast<std::size_t>(by * bw + bx)] = static_cast<float>(m);
      gain[static_cast<std::size_t>(by * bw + bx)] = static_cast<float>(std::sqrt(std::max(0.0, var)));
    }
  }
  mean = smooth3(mean, bw, bh);
  gain = smooth3(gain, bw, bh);
  for (float& g : gain) {
    g = kOutputSpread / std::max(g, kMinSpread);
  }
  out.width = in.width;
  out.height = in.height;
  out.pixels.resize(static_cast<std::size_t>(in.width) * static_cast<std::size_t>(in.height));
  std::vector<float> row_mean(static_cast<std::size_t>(bw));
  std::vector<float> row_gain(static_cast<std::size_t>(bw));
  const float inv_block = 1.0f / static_cast<float>(block);
  for (int y = 0; y < in.height; ++y) {
    // Interpolate the tile statistics to this row, then along it.
    const float fy =
        std::clamp((static_cast<float>(y) + 0.5f) * inv_block - 0.5f, 0.0f, static_cast<float>(bh - 1));
    const int y0 = std::min(static_cast<int>(fy), bh - 1);
    const int y1 = std::min(y0 + 1, bh - 1);
    const float ay = fy - static_cast<float>(y0);
    for (int bx = 0; bx < bw; ++bx) {
      const auto i0 = static_cast<std::size_t>(y0 * bw + bx), i1 = static_cast<std::size_t>(y1 * bw + bx);
      row_mean[static_cast<std::size_t>(bx)] = mean[i0] + (mean[i1] - mean[i0]) * ay;
      row_gain[static_cast<std::size_t>(bx)] = gain[i0] + (gain[i1] - gain[i0]) * ay;
    }
    const std::uint8_t* src = in.row(y);
    std::uint8_t* dst = out.pixels.data() + static_cast<std::ptrdiff_t>(y) * in.width;
    for (int x = 0; x < in.width; ++x) {
      const float fx =
          std::clamp((static_cast<float>(x) + 0.5f) * inv_block - 0.5f, 0.0f, static_cast<float>(bw - 1));
      const int x0 = std::min(static_cast<int>(fx), bw - 1);
      const int x1 = std::min(x0 + 1, bw - 1);
      const float ax = fx - static_cast<float>(x0);
      const auto u0 = static_cast<std::size_t>(x0), u1 = static_cast<std::size_t>(x1);
      const float m = row_mean[u0] + (row_mean[u1] - row_mean[u0]) * ax;
      const float g = row_gain[u0] + (row_gain[u1] - row_gain[u0]) * ax;
      const float v = 128.0f + (static_cast<float>(src[x]) - m) * g;
      dst[x] = static_cast<std::uint8_t>(std::clamp(v, 0.0f, 255.0f));
    }
  }
  return out;
}

}  // namespace kiosk::qr
