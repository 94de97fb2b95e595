#include "drivers/camera/frame.hpp"

namespace kiosk::camera {

void derive_gray(Frame& frame) {
  const std::size_t n = static_cast<std::size_t>(frame.width) * static_cast<std::size_t>(frame.height);
  frame.gray.resize(n);
  const std::uint8_t* p = frame.rgb.data();
  for (std::size_t i = 0; i < n; ++i, p += 3) {
    frame.gray[i] = static_cast<std::uint8_t>((306u * p[0] + 601u * p[1] + 117u * p[2] + 512u) >> 10);
  }
}

}  // namespace kiosk::camera
