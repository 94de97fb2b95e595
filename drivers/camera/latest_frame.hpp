#pragma once

#include <cstdint>
#include <memory>
#include <mutex>

#include "drivers/camera/frame.hpp"

namespace kiosk::camera {

// The newest frame for the preview. The capture thread replaces it; the UI
// thread takes a reference and uploads a texture only when the generation
// changed. A reader keeps its frame alive while the writer moves on.
class LatestFrame {
 public:
  struct Snapshot {
    std::shared_ptr<const Frame> frame;  // RGB8: frame->rgb, width, height, rgb_stride()
    std::uint64_t generation = 0;
  };

  void publish(std::shared_ptr<const Frame> frame) {
    const std::lock_guard lock(mutex_);
    frame_ = std::move(frame);
    ++generation_;
  }

  Snapshot get() const {
    const std::lock_guard lock(mutex_);
    return {frame_, generation_};
  }

  std::uint64_t generation() const {
    const std::lock_guard lock(mutex_);
    return generation_;
  }

  // Drops the picture (end of session: nothing personal stays in memory).
  void clear() {
    const std::lock_guard lock(mutex_);
    frame_.reset();
    ++generation_;
  }

 private:
  mutable std::mutex mutex_;
  std::shared_ptr<const Frame> frame_;
  std::uint64_t generation_ = 0;
};

}  // namespace kiosk::camera
