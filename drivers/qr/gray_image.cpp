#include "drivers/qr/gray_image.hpp"

#include <algorithm>

namespace kiosk::qr {

GrayImage downscale_half(const GrayView& in) {
  GrayImage out;
  out.width = in.width / 2;
  out.height = in.height / 2;
  out.pixels.resize(static_cast<std::size_t>(out.width) * static_cast<std::size_t>(out.height));
  for (int y = 0; y < out.height; ++y) {
    const std::uint8_t* a = in.row(2 * y);
    const std::uint8_t* b = in.row(2 * y + 1);
    std::uint8_t* o = out.pixels.data() + static_cast<std::ptrdiff_t>(y) * out.width;
    for (int x = 0; x < out.width; ++x) {
      const unsigned sum = 2u + a[2 * x] + a[2 * x + 1] + b[2 * x] + b[2 * x + 1];
      o[x] = static_cast<std::uint8_t>(sum / 4);
    }
  }
  return out;
}

GrayImage upscale_double(const GrayView& in) {
  GrayImage out;
  if (in.data == nullptr || in.width <= 0 || in.height <= 0) {
    return out;
  }
  out.width = in.width * 2;
  out.height = in.height * 2;
  out.pixels.resize(static_cast<std::size_t>(out.width) * static_cast<std::size_t>(out.height));
  // Output pixel 2i sits a quarter pixel before input pixel i, 2i+1 a
  // quarter after: weights 3:1 towards the nearer input pixel.
  auto at = [&](int x, int y) {
    return static_cast<int>(in.row(std::clamp(y, 0, in.height - 1))[std::clamp(x, 0, in.width - 1)]);
  };
  for (int y = 0; y < out.height; ++y) {
    const int sy = y / 2;
    const int ny = (y % 2 == 0) ? sy - 1 : sy + 1;
    std::uint8_t* dst = out.pixels.data() + static_cast<std::ptrdiff_t>(y) * out.width;
    for (int x = 0; x < out.width; ++x) {
      const int sx = x / 2;
      const int nx = (x % 2 == 0) ? sx - 1 : sx + 1;
      const int v = 9 * at(sx, sy) + 3 * at(nx, sy) + 3 * at(sx, ny) + at(nx, ny);
      dst[x] = static_cast<std::uint8_t>((v + 8) / 16);
    }
  }
  return out;
}

}  // namespace kiosk::qr
