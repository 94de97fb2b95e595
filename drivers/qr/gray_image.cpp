#include "drivers/qr/gray_image.hpp"

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

}  // namespace kiosk::qr
