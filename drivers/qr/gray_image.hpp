#pragma once

#include <cstdint>
#include <vector>

namespace kiosk::qr {

// A non-owning view of 8-bit luminance pixels.
struct GrayView {
  const std::uint8_t* data = nullptr;
  int width = 0;
  int height = 0;
  int stride = 0;  // bytes from one row to the next

  const std::uint8_t* row(int y) const { return data + static_cast<std::ptrdiff_t>(y) * stride; }
};

// An owned luminance image.
struct GrayImage {
  int width = 0;
  int height = 0;
  std::vector<std::uint8_t> pixels;  // width * height, rows packed

  GrayView view() const { return {pixels.data(), width, height, width}; }
};

// Half the size in each direction, each output pixel the mean of 2x2 inputs:
// averaging keeps module edges that plain subsampling would alias away.
GrayImage downscale_half(const GrayView& in);

// Twice the size in each direction, bilinear: modules under about 3 pixels
// get the room ZXing's sampling grid needs.
GrayImage upscale_double(const GrayView& in);

}  // namespace kiosk::qr
