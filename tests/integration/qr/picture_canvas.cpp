#include "picture_canvas.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>

namespace kiosk::qr::testing {
namespace {

using H = std::array<double, 9>;  // 3x3 homography, row major
// Maps the unit square corners (0,0),(1,0),(1,1),(0,1) onto quad q.
H square_to_quad(const Corners& q) {
  const double x0 = q[0][0], y0 = q[0][1], x1 = q[1][0], y1 = q[1][1];
  const double x2 = q[2][0], y2 = q[2][1], x3 = q[3][0], y3 = q[3][1];
  const double dx3 = x0 - x1 + x2 - x3, dy3 = y0 - y1 + y2 - y3;
  double a = 0, b = 0, c = x0, d = 0, e = 0, f = y0, g = 0, h = 0;
  if (std::abs(dx3) < 1e-9 && std::abs(dy3) < 1e-9) {
    a = x1 - x0;
    b = x2 - x1;
    d = y1 - y0;
    e = y2 - y1;
  } else {
    const double dx1 = x1 - x2, dx2 = x3 - x2, dy1 = y1 - y2, dy2 = y3 - y2;
    const double den = dx1 * dy2 - dx2 * dy1;
    g = (dx3 * dy2 - dx2 * dy3) / den;
    h = (dx1 * dy3 - dx3 * dy1) / den;
    a = x1 - x0 + g * x1;
    b = x3 - x0 + h * x3;
    d = y1 - y0 + g * y1;
    e = y3 - y0 + h * y3;
  }
  return {a, b, c, d, e, f, g, h, 1.0};
}

H invert(const H& m) {
  const double det = m[0] * (m[4] * m[8] - m[5] * m[7]) - m[1] * (m[3] * m[8] - m[5] * m[6]) +
                     m[2] * (m[3] * m[7] - m[4] * m[6]);
  return {(m[4] * m[8] - m[5] * m[7]) / det, (m[2] * m[7] - m[1] * m[8]) / det,
          (m[1] * m[5] - m[2] * m[4]) / det, (m[5] * m[6] - m[3] * m[8]) / det,
          (m[0] * m[8] - m[2] * m[6]) / det, (m[2] * m[3] - m[0] * m[5]) / det,
          (m[3] * m[7] - m[4] * m[6]) / det, (m[1] * m[6] - m[0] * m[7]) / det,
          (m[0] * m[4] - m[1] * m[3]) / det};
}

}  // namespace

void draw_scene(Canvas& c, std::mt19937& rng) {
  std::uniform_real_distribution<float> u(0.0f, 1.0f);
  const float base = 60 + 60 * u(rng);
  const float gx = (u(rng) - 0.5f) * 0.08f;
  for (int y = 0; y < kHeight; ++y) {
    for (int x = 0; x < kWidth; ++x) {
      c.at(x, y) = base + gx * static_cast<float>(x) + 0.03f * static_cast<float>(y);
    }
  }
  const int cx0 = 200 + static_cast<int>(u(rng) * 100), cy0 = 80 + static_cast<int>(u(rng) * 60);
  const int cx1 = kWidth - 200 - static_cast<int>(u(rng) * 100),
            cy1 = kHeight - 80 - static_cast<int>(u(rng) * 60);
  const float card = 185 + 30 * u(rng);
  for (int y = cy0; y < cy1; ++y) {
    for (int x = cx0; x < cx1; ++x) {
      c.at(x, y) = card;
    }
  }
  for (int line = 0; line < 14; ++line) {
    const int y0 = cy0 + 20 + line * 32;
    if (y0 + 12 >= cy1) {
      break;
    }
    int x = cx0 + 30;
    while (x < cx1 - 60) {
      const int w = 6 + static_cast<int>(u(rng) * 40);
      const float ink = 40 + 30 * u(rng);
      for (int y = y0; y < y0 + 12; ++y) {
        for (int xx = x; xx < std::min(x + w, cx1 - 30); ++xx) {
          c.at(xx, y) = ink;
        }
      }
      x += w + 4 + static_cast<int>(u(rng) * 10);
    }
  }
}

void draw_code(Canvas& c, const std::vector<std::uint8_t>& modules, int size, const Corners& quad, float dark,
               float light) {
  const int total = size + 8;
  const H inv = invert(square_to_quad(quad));
  double minx = kWidth, miny = kHeight, maxx = 0, maxy = 0;
  for (const auto& p : quad) {
    minx = std::min(minx, p[0]);
    maxx = std::max(maxx, p[0]);
    miny = std::min(miny, p[1]);
    maxy = std::max(maxy, p[1]);
  }
  for (int y = std::max(0, static_cast<int>(miny)); y < std::min(kHeight, static_cast<int>(maxy) + 1); ++y) {
    for (int x = std::max(0, static_cast<int>(minx)); x < std::min(kWidth, static_cast<int>(maxx) + 1); ++x) {
      float sum = 0;
      int inside = 0;
      for (int sy = 0; sy < 2; ++sy) {
        for (int sx = 0; sx < 2; ++sx) {
          const double px = x + (sx + 0.5) / 2.0, py = y + (sy + 0.5) / 2.0;
          const double w = inv[6] * px + inv[7] * py + inv[8];
          const double u = (inv[0] * px + inv[1] * py + inv[2]) / w;
          const double v = (inv[3] * px + inv[4] * py + inv[5]) / w;
          if (u < 0 || u >= 1 || v < 0 || v >= 1) {
            continue;
          }
          ++inside;
          const int mx = static_cast<int>(u * total) - 4;
          const int my = static_cast<int>(v * total) - 4;
          const bool is_dark = mx >= 0 && my >= 0 && mx < size && my < size &&
                               modules[static_cast<std::size_t>(my) * static_cast<std::size_t>(size) +
                                       static_cast<std::size_t>(mx)];
          sum += is_dark ? dark : light;
        }
      }
      if (inside > 0) {
        c.at(x, y) = (sum + c.at(x, y) * static_cast<float>(4 - inside)) / 4.0f;
      }
    }
  }
}

Corners placed(double cx, double cy, double side, double angle_deg, double tilt) {
  const double a = angle_deg * kPi / 180.0;
  const double h = side / 2;
  Corners corners{{{-h, -h}, {h, -h}, {h, h}, {-h, h}}};
  for (auto& p : corners) {
    // Tilt: the far edge (top) looks narrower, as when the card leans back.
    const double shrink = 1.0 - tilt * (0.5 - (p[1] + h) / side * 0.5) * 2.0 * 0.5;
    const double x = p[0] * shrink, y = p[1];
    p = {cx + x * std::cos(a) - y * std::sin(a), cy + x * std::sin(a) + y * std::cos(a)};
  }
  return corners;
}

// Three box passes approximate a Gaussian; running sums keep each pass
// linear in the pixel count.
void box_blur(Canvas& c, int r) {
  std::vector<float> line(static_cast<std::size_t>(std::max(kWidth, kHeight)));
  auto blur_line = [&](auto get, auto set, int n) {
    float sum = 0;
    for (int k = -r; k <= r; ++k) {
      sum += get(std::clamp(k, 0, n - 1));
    }
    for (int i = 0; i < n; ++i) {
      line[static_cast<std::size_t>(i)] = sum / static_cast<float>(2 * r + 1);
      sum += get(std::min(i + r + 1, n - 1)) - get(std::max(i - r, 0));
    }
    for (int i = 0; i < n; ++i) {
      set(i, line[static_cast<std::size_t>(i)]);
    }
  };
  for (int pass = 0; pass < 3; ++pass) {
    for (int y = 0; y < kHeight; ++y) {
      blur_line([&](int x) { return c.at(x, y); }, [&](int x, float v) { c.at(x, y) = v; }, kWidth);
    }
    for (int x = 0; x < kWidth; ++x) {
      blur_line([&](int y) { return c.at(x, y); }, [&](int y, float v) { c.at(x, y) = v; }, kHeight);
    }
  }
}

// Sensor-like noise: the sum of four uniform values is close enough to a
// Gaussian and much cheaper than std::normal_distribution.
void add_noise(Canvas& c, std::mt19937& rng, float sigma) {
  std::uint32_t state = static_cast<std::uint32_t>(rng());
  auto uniform = [&] {
    state = state * 1664525u + 1013904223u;
    return static_cast<float>(state >> 8) / 16777216.0f;
  };
  const float scale = sigma * 1.7320508f;  // 4 uniforms have variance 1/3
  for (float& v : c.px) {
    v += (uniform() + uniform() + uniform() + uniform() - 2.0f) * scale;
  }
}

void add_glare(Canvas& c, double cx, double cy, double rx, double ry) {
  for (int y = std::max(0, static_cast<int>(cy - 2 * ry));
       y < std::min(kHeight, static_cast<int>(cy + 2 * ry) + 1); ++y) {
    for (int x = std::max(0, static_cast<int>(cx - 2 * rx));
         x < std::min(kWidth, static_cast<int>(cx + 2 * rx) + 1); ++x) {
      const double dx = (x - cx) / rx, dy = (y - cy) / ry;
      const double d2 = dx * dx + dy * dy;
      if (d2 < 4.0) {
        c.at(x, y) += static_cast<float>(400.0 * std::exp(-d2 * 1.2));
      }
    }
  }
}

GrayImage to_image(const Canvas& c) {
  GrayImage img;
  img.width = kWidth;
  img.height = kHeight;
  img.pixels.reserve(c.px.size());
  for (const float v : c.px) {
    img.pixels.push_back(static_cast<std::uint8_t>(std::clamp(v + 0.5f, 0.0f, 255.0f)));
  }
  return img;
}

Canvas to_canvas(const GrayImage& image) {
  Canvas c;
  std::transform(image.pixels.begin(), image.pixels.end(), c.px.begin(),
                 [](std::uint8_t v) { return static_cast<float>(v); });
  return c;
}

}  // namespace kiosk::qr::testing
