#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "drivers/qr/gray_image.hpp"

namespace kiosk::camera {

// One captured picture: RGB8 for the preview, luminance for the decoder.
struct Frame {
  int width = 0;
  int height = 0;
  std::vector<std::uint8_t> rgb;   // width * 3 bytes per row, packed
  std::vector<std::uint8_t> gray;  // width bytes per row, packed
  std::uint64_t sequence = 0;
  std::chrono::steady_clock::time_point captured{};

  int rgb_stride() const { return width * 3; }
  qr::GrayView gray_view() const { return {gray.data(), width, height, width}; }
};

enum class CameraErrorCode {
  kNoDevice,           // nothing at that path, or no such files
  kUnsupportedFormat,  // device offers neither MJPEG nor YUYV; image neither PNG nor JPEG
  kIo,                 // the device or file went away mid-stream
  kCorruptFrame,       // one frame could not be decoded; the next may
  kEndOfStream,        // a replay ran out of pictures
};

struct CameraError {
  CameraErrorCode code;
  std::string detail;

  bool retriable() const { return code == CameraErrorCode::kCorruptFrame || code == CameraErrorCode::kIo; }
};

using FrameOrError = std::variant<Frame, CameraError>;

// Fills `gray` from `rgb` (BT.601 luma, integer arithmetic).
void derive_gray(Frame& frame);

}  // namespace kiosk::camera
