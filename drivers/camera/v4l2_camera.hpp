#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <variant>
#include <vector>

#include "drivers/camera/frame_source.hpp"

namespace kiosk::camera {

// A UVC camera through V4L2 memory-mapped streaming. Picks MJPEG or YUYV at
// the size nearest to the wanted one and leaves exposure to the camera.
class V4l2Camera final : public FrameSource {
 public:
  struct Options {
    int width = 1280;
    int height = 720;
    int buffers = 4;
    int timeout_ms = 2000;  // no frame for this long: the camera is gone
  };

  static std::variant<std::unique_ptr<V4l2Camera>, CameraError> open(const std::string& device,
                                                                     Options options);
  ~V4l2Camera() override;
  V4l2Camera(const V4l2Camera&) = delete;
  V4l2Camera& operator=(const V4l2Camera&) = delete;

  FrameOrError next() override;
  std::string describe() const override;

 private:
  struct Buffer {
    void* start = nullptr;
    std::size_t length = 0;
  };

  V4l2Camera(std::string device, int fd) : device_(std::move(device)), fd_(fd) {}
  std::variant<std::monostate, CameraError> configure(const Options& options);
  FrameOrError convert(const std::uint8_t* data, std::size_t size);

  std::string device_;
  int fd_ = -1;
  std::uint32_t pixel_format_ = 0;
  int width_ = 0;
  int height_ = 0;
  int bytes_per_line_ = 0;
  int timeout_ms_ = 2000;
  bool streaming_ = false;
  std::vector<Buffer> buffers_;
  std::uint64_t sequence_ = 0;
};

// Converts packed YUYV 4:2:2 to RGB8 and luminance.
void yuyv_to_frame(const std::uint8_t* yuyv, int width, int height, int bytes_per_line, Frame& out);

}  // namespace kiosk::camera
