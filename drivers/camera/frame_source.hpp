#pragma once

#include <chrono>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "drivers/camera/frame.hpp"

namespace kiosk::camera {

// Where frames come from: a V4L2 camera or a replay of picture files.
class FrameSource {
 public:
  virtual ~FrameSource() = default;
  // Blocks until the next frame (or error) is available.
  virtual FrameOrError next() = 0;
  virtual std::string describe() const = 0;
};

// Replays pictures in name order, optionally paced like a camera and looped.
class ReplaySource final : public FrameSource {
 public:
  ReplaySource(std::vector<std::filesystem::path> files, bool loop, std::chrono::milliseconds frame_interval);

  FrameOrError next() override;
  std::string describe() const override;

 private:
  std::vector<std::filesystem::path> files_;
  bool loop_;
  std::chrono::milliseconds interval_;
  std::size_t index_ = 0;
  std::uint64_t sequence_ = 0;
  std::chrono::steady_clock::time_point last_{};
};

// Opens `dir:PATH` (every .png/.jpg/.jpeg below PATH, looped at 15 frames a
// second as a camera would deliver them), `file:PATH` (one picture, repeated),
// or `v4l2:/dev/videoN` / `/dev/videoN`.
std::variant<std::unique_ptr<FrameSource>, CameraError> open_frame_source(std::string_view spec);

std::vector<std::filesystem::path> picture_files(const std::filesystem::path& dir);

}  // namespace kiosk::camera
