#pragma once

#include <array>
#include <cstdint>
#include <random>
#include <vector>

#include "drivers/qr/gray_image.hpp"

namespace kiosk::qr::testing {

// The drawing kit of the generated camera pictures: a 1280x720 float canvas,
// a desk scene, a QR code mapped onto any quadrilateral, and the camera's
// distortions.
constexpr int kWidth = 1280;
constexpr int kHeight = 720;
constexpr double kPi = 3.14159265358979323846;

using Corners = std::array<std::array<double, 2>, 4>;

struct Canvas {
  std::vector<float> px = std::vector<float>(static_cast<std::size_t>(kWidth) * kHeight);
  float& at(int x, int y) { return px[static_cast<std::size_t>(y) * kWidth + static_cast<std::size_t>(x)]; }
};

// A desk-like background with a pale card and a few dark blocks of "text".
void draw_scene(Canvas& c, std::mt19937& rng);

// Draws the code so that its module square (including a 4-module quiet
// zone) lands on `quad`, with 2x2 supersampling for smooth edges.
void draw_code(Canvas& c, const std::vector<std::uint8_t>& modules, int size, const Corners& quad, float dark,
               float light);

// A square of `side` pixels centred on (cx, cy), turned by `angle_deg`; `tilt`
// narrows its top edge as when the card leans back.
Corners placed(double cx, double cy, double side, double angle_deg, double tilt);

// Approximately Gaussian blur of radius about `r` (three box passes).
void box_blur(Canvas& c, int r);

// Sensor-like noise of standard deviation `sigma`.
void add_noise(Canvas& c, std::mt19937& rng, float sigma);

// A bright elliptical reflection centred on (cx, cy).
void add_glare(Canvas& c, double cx, double cy, double rx, double ry);

GrayImage to_image(const Canvas& c);
Canvas to_canvas(const GrayImage& image);

}  // namespace kiosk::qr::testing
