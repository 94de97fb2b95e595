#include "hard_test_images.hpp"

#include <turbojpeg.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <random>
#include <stdexcept>

#include "picture_canvas.hpp"

namespace kiosk::qr::testing {
namespace {

constexpr int kVariants = 4;
constexpr int kWithoutCode = 60;
constexpr double kFocalPx = 900;  // a 720p webcam with about 70 degrees of view

struct TjDeleter {
  void operator()(void* handle) const { tjDestroy(handle); }
};

double deg(double d) {
  return d * kPi / 180.0;
}

// The code square of `side` pixels spun by `spin_deg` in its own plane, then
// turned by `tilt_deg` about an axis in that plane, as a pinhole camera sees it.
Corners tilted(double cx, double cy, double side, double spin_deg, double tilt_deg, double axis_deg) {
  const double h = side / 2, s = deg(spin_deg), t = deg(tilt_deg), ax = std::cos(deg(axis_deg)),
               ay = std::sin(deg(axis_deg));
  Corners out{};
  const std::array<std::array<double, 2>, 4> square{{{-h, -h}, {h, -h}, {h, h}, {-h, h}}};
  for (std::size_t i = 0; i < 4; ++i) {
    const double x = square[i][0] * std::cos(s) - square[i][1] * std::sin(s);
    const double y = square[i][0] * std::sin(s) + square[i][1] * std::cos(s);
    // Rodrigues' rotation about (ax, ay, 0) of the point (x, y, 0).
    const double dot = ax * x + ay * y;
    const double rx = x * std::cos(t) + ax * dot * (1 - std::cos(t));
    const double ry = y * std::cos(t) + ay * dot * (1 - std::cos(t));
    const double rz = (ax * y - ay * x) * std::sin(t);
    out[i] = {cx + kFocalPx * rx / (kFocalPx + rz), cy + kFocalPx * ry / (kFocalPx + rz)};
  }
  return out;
}

// Straight motion blur inside [x0, x1) x [y0, y1): where the moving card is.
void motion_blur(Canvas& c, double length, double angle_rad, int x0, int y0, int x1, int y1) {
  const Canvas in = c;
  const int steps = static_cast<int>(std::ceil(length * 2)) + 1;
  const double dx = std::cos(angle_rad), dy = std::sin(angle_rad);
  auto sample = [&](double x, double y) {
    x = std::clamp(x, 0.0, kWidth - 1.001);
    y = std::clamp(y, 0.0, kHeight - 1.001);
    const int ix = static_cast<int>(x), iy = static_cast<int>(y);
    const float fx = static_cast<float>(x - ix), fy = static_cast<float>(y - iy);
    const float* r0 = &in.px[static_cast<std::size_t>(iy) * kWidth + static_cast<std::size_t>(ix)];
    const float* r1 = r0 + kWidth;
    return (r0[0] * (1 - fx) + r0[1] * fx) * (1 - fy) + (r1[0] * (1 - fx) + r1[1] * fx) * fy;
  };
  for (int y = std::max(0, y0); y < std::min(kHeight, y1); ++y) {
    for (int x = std::max(0, x0); x < std::min(kWidth, x1); ++x) {
      float sum = 0;
      for (int k = 0; k < steps; ++k) {
        const double t = (static_cast<double>(k) / (steps - 1) - 0.5) * length;
        sum += sample(x + t * dx, y + t * dy);
      }
      c.at(x, y) = sum / static_cast<float>(steps);
    }
  }
}

// Light falling off across the code and the soft-edged shadow of something
// between the lamp and the card; `strength` 0..1.
void add_shadow(Canvas& c, double cx, double cy, double side, double strength, std::mt19937& rng) {
  std::uniform_real_distribution<double> u(0.0, 1.0);
  const double ga = u(rng) * 2 * kPi, sa = u(rng) * 2 * kPi;
  const double edge = (u(rng) - 0.5) * side * 0.6;  // shadow edge offset from the centre
  for (int y = 0; y < kHeight; ++y) {
    for (int x = 0; x < kWidth; ++x) {
      const double g = std::clamp(((x - cx) * std::cos(ga) + (y - cy) * std::sin(ga)) / side + 0.5, 0.0, 1.0);
      double light = 1.0 - 0.6 * strength * g;
      const double d = (x - cx) * std::cos(sa) + (y - cy) * std::sin(sa) - edge;
      light *= 1.0 - 0.55 * strength * std::clamp(d / 3.0 + 0.5, 0.0, 1.0);
      c.at(x, y) *= static_cast<float>(light);
    }
  }
}

void jpeg_round_trip(Canvas& c, int quality) {
  const GrayImage img = to_image(c);
  std::unique_ptr<void, TjDeleter> enc(tjInitCompress());
  std::unique_ptr<void, TjDeleter> dec(tjInitDecompress());
  unsigned char* jpeg = nullptr;
  unsigned long size = 0;
  if (!enc || !dec ||
      tjCompress2(enc.get(), img.pixels.data(), kWidth, kWidth, kHeight, TJPF_GRAY, &jpeg, &size, TJSAMP_GRAY,
                  quality, 0) != 0) {
    tjFree(jpeg);
    throw std::runtime_error("JPEG compression failed");
  }
  GrayImage back = img;
  const int rc =
      tjDecompress2(dec.get(), jpeg, size, back.pixels.data(), kWidth, kWidth, kHeight, TJPF_GRAY, 0);
  tjFree(jpeg);
  if (rc != 0) {
    throw std::runtime_error("JPEG decompression failed");
  }
  c = to_canvas(back);
}

// Finder patterns, timing rows and random modules: looks like a code to a
// detector, carries nothing a decoder may accept.
std::vector<std::uint8_t> decoy_modules(int size, std::mt19937& rng) {
  std::vector<std::uint8_t> m(static_cast<std::size_t>(size) * static_cast<std::size_t>(size));
  std::bernoulli_distribution coin(0.5);
  auto finder = [&](int fx, int fy, int x, int y) {
    const int dx = x - fx, dy = y - fy;
    if (dx < -1 || dy < -1 || dx > 7 || dy > 7) {
      return -1;
    }
    if (dx == -1 || dy == -1 || dx == 7 || dy == 7) {
      return 0;
    }
    const int ring = std::min({dx, dy, 6 - dx, 6 - dy});
    return ring == 1 ? 0 : 1;
  };
  for (int y = 0; y < size; ++y) {
    for (int x = 0; x < size; ++x) {
      int v = finder(0, 0, x, y);
      v = v >= 0 ? v : finder(size - 7, 0, x, y);
      v = v >= 0 ? v : finder(0, size - 7, x, y);
      if (v < 0 && (x == 6 || y == 6)) {
        v = (x + y + 1) % 2;
      }
      m[static_cast<std::size_t>(y) * static_cast<std::size_t>(size) + static_cast<std::size_t>(x)] =
          static_cast<std::uint8_t>(v >= 0 ? v : coin(rng));
    }
  }
  return m;
}

}  // namespace

Look look_for(const std::string& kind, std::mt19937& rng) {
  std::uniform_real_distribution<double> u(0.0, 1.0);
  Look look;
  look.module_px = 3.0 + 1.5 * u(rng);
  look.cx = kWidth / 2.0 + (u(rng) - 0.5) * 300;
  look.cy = kHeight / 2.0 + (u(rng) - 0.5) * 140;
  look.spin_deg = u(rng) * 360;
  look.axis_deg = u(rng) * 180;
  look.glare_dx = (u(rng) - 0.5) * 0.7;
  look.glare_dy = (u(rng) - 0.5) * 0.7;
  look.glare_aspect = 0.7 + 0.6 * u(rng);
  look.shadow_seed = static_cast<unsigned>(rng());
  look.motion_angle = u(rng) * kPi;
  auto faded = [&](double lo) {
    look.light = static_cast<float>(140 + 75 * u(rng));
    look.dark = look.light - static_cast<float>(lo + (70 - lo) * u(rng));
  };
  auto apply = [&](const std::string& k, double mild) {
    if (k == "faded") {
      faded(25 + 15 * mild);
    } else if (k == "motion") {
      look.motion_px = 2.0 + (3.0 - mild) * u(rng);
    } else if (k == "glare") {
      look.glare_side = 0.08 + (0.17 - 0.07 * mild) * u(rng);
    } else if (k == "shadow") {
      look.shadow = 0.5 + (0.5 - 0.2 * mild) * u(rng);
    } else if (k == "smallmod") {
      look.module_px = 1.6 + 0.4 * mild + (1.3 - 0.4 * mild) * u(rng);
    } else if (k == "tilt") {
      look.tilt_deg = 35 + (25 - 10 * mild) * u(rng);
    } else if (k == "noise") {
      look.noise = static_cast<float>(14 + (16 - 6 * mild) * u(rng));
    } else if (k == "jpeg") {
      look.jpeg_quality = static_cast<int>(8 + 12 * mild + (27 - 12 * mild) * u(rng));
    }
  };
  if (kind == "mixed") {
    std::vector<std::string> pool(std::begin(kHardKinds), std::end(kHardKinds) - 1);
    std::shuffle(pool.begin(), pool.end(), rng);
    const int count = 2 + static_cast<int>(u(rng) * 2);
    for (int i = 0; i < count; ++i) {
      apply(pool[static_cast<std::size_t>(i)], 1.0);
    }
  } else {
    apply(kind, 0.0);
  }
  return look;
}

GrayImage render_look(Canvas c, const std::vector<std::uint8_t>& modules, int size, const Look& look,
                      const Motion& motion, std::mt19937& noise_rng) {
  const double cx = look.cx + motion.dx, cy = look.cy + motion.dy;
  // Without a code the distortions still land on a code-sized patch.
  const double side = size > 0 ? look.module_px * (size + 8) : 250.0;
  const double spin = look.spin_deg + motion.turn_deg;
  const Corners quad = look.tilt_deg > 0 ? tilted(cx, cy, side, spin, look.tilt_deg, look.axis_deg)
                                         : placed(cx, cy, side, spin, 0);
  if (size > 0) {
    draw_code(c, modules, size, quad, look.dark, look.light);
  }
  if (look.shadow > 0) {
    std::mt19937 shadow_rng(look.shadow_seed);
    add_shadow(c, cx, cy, side, look.shadow, shadow_rng);
  }
  if (look.glare_side > 0) {
    const double r = side * look.glare_side;
    add_glare(c, cx + look.glare_dx * side, cy + look.glare_dy * side, r * look.glare_aspect, r);
  }
  const double blur = std::max(look.motion_px, motion.blur_px);
  if (blur > 0) {
    const double reach = side * 0.75 + blur;
    motion_blur(c, blur, motion.blur_px > look.motion_px ? motion.blur_angle : look.motion_angle,
                static_cast<int>(cx - reach), static_cast<int>(cy - reach), static_cast<int>(cx + reach) + 1,
                static_cast<int>(cy + reach) + 1);
  }
  add_noise(c, noise_rng, 3.0f + look.noise);
  if (look.jpeg_quality > 0) {
    jpeg_round_trip(c, look.jpeg_quality);
  }
  return to_image(c);
}

namespace {

GrayImage render(const std::vector<std::uint8_t>& modules, int size, const Look& look, std::mt19937& rng) {
  Canvas c;
  draw_scene(c, rng);
  return render_look(std::move(c), modules, size, look, Motion{}, rng);
}

}  // namespace

std::vector<TestImage> make_hard_test_set(const std::string& source_dir, unsigned seed,
                                          std::size_t per_kind) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<double> u(0.0, 1.0);
  const std::vector<std::string> payloads = demo_payloads(source_dir);
  const std::size_t per = payloads.size() * kVariants;
  const std::size_t n = per_kind == 0 ? per : std::min(per_kind, per);
  std::vector<TestImage> out;
  for (const char* kind : kHardKinds) {
    for (std::size_t i = 0; i < n; ++i) {
      const std::string& payload = payloads[i % payloads.size()];
      int size = 0;
      const auto modules = qr_modules(payload, size);
      const Look look = look_for(kind, rng);
      out.push_back(
          {std::string(kind) + "-" + std::to_string(i), kind, render(modules, size, look, rng), {payload}});
    }
  }
  const std::size_t empty = per_kind == 0 ? kWithoutCode : std::min<std::size_t>(per_kind, kWithoutCode);
  for (std::size_t i = 0; i < empty; ++i) {
    // Every other picture without a code shows a decoy; all take a distortion.
    Look look = look_for(kHardKinds[i % (std::size(kHardKinds) - 1)], rng);
    GrayImage img;
    const bool decoy = i % 2 == 0;
    if (decoy) {
      const int size = 25 + 4 * static_cast<int>(u(rng) * 6);
      img = render(decoy_modules(size, rng), size, look, rng);
    } else {
      img = render({}, 0, look, rng);
    }
    const std::string kind = decoy ? "decoy" : "none";
    out.push_back({kind + "-" + std::to_string(i), kind, std::move(img), {}});
  }
  return out;
}

}  // namespace kiosk::qr::testing
