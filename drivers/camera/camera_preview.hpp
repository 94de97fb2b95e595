#pragma once

#include <atomic>
#include <functional>
#include <utility>

#include "drivers/camera/latest_frame.hpp"
#include "drivers/qr/guidance.hpp"

namespace kiosk::camera {

enum class CameraState {
  kOff,          // not scanning: no screen wants the camera now
  kStarting,     // opened, no frame yet
  kLive,         // frames arrive
  kUnavailable,  // no camera configured, or it cannot be opened
  kFailed,       // it stopped delivering frames
};

// What the screen shows of the camera: the newest frame, whether the camera
// works, and the hint from the decoder. Written by the capture and decoding
// threads, read by the UI thread. Each change wakes the UI once: further
// changes before the UI has looked do not queue more wake-ups, so a camera
// faster than the screen never floods the main loop.
class CameraPreview {
 public:
  explicit CameraPreview(std::function<void()> wake = {}) : wake_(std::move(wake)) {}

  [[nodiscard]] const LatestFrame& frames() const { return frames_; }

  void publish(std::shared_ptr<const Frame> frame) {
    frames_.publish(std::move(frame));
    state_.store(CameraState::kLive);
    notify();
  }
  void set_state(CameraState state) {
    if (state_.exchange(state) != state) {
      notify();
    }
  }
  void set_hint(qr::Hint hint) {
    if (hint_.exchange(hint) != hint) {
      notify();
    }
  }
  // Drops the picture and the hint (end of scanning or of the session).
  void clear(CameraState state) {
    frames_.clear();
    hint_.store(qr::Hint::kNoCodeSeen);
    state_.store(state);
    notify();
  }

  [[nodiscard]] CameraState state() const { return state_.load(); }
  [[nodiscard]] qr::Hint hint() const { return hint_.load(); }

  // The UI calls this when it looks at the preview; the next change wakes it again.
  void acknowledge() { wake_pending_.store(false); }

 private:
  void notify() {
    if (wake_ && !wake_pending_.exchange(true)) {
      wake_();
    }
  }

  std::function<void()> wake_;
  LatestFrame frames_;
  std::atomic<CameraState> state_{CameraState::kOff};
  std::atomic<qr::Hint> hint_{qr::Hint::kNoCodeSeen};
  std::atomic<bool> wake_pending_{false};
};

}  // namespace kiosk::camera
