#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "drivers/camera/camera_preview.hpp"
#include "drivers/camera/frame_source.hpp"
#include "drivers/camera/latest_frame.hpp"
#include "drivers/camera/multi_frame_decoder.hpp"
#include "drivers/qr/guidance.hpp"
#include "drivers/qr/qr_decoder.hpp"

namespace kiosk::camera {

struct ScanEvent {
  enum class Kind {
    kCodeRead,      // `payload` holds the text of a QR code
    kHintChanged,   // `hint` is what to show now
    kCameraFailed,  // `error`; capture stopped if !error.retriable()
  };
  Kind kind = Kind::kHintChanged;
  std::string payload;
  qr::Hint hint = qr::Hint::kNoCodeSeen;
  std::optional<CameraError> error;
  std::uint64_t frame_sequence = 0;
  double decode_ms = 0;
};

struct ScanStats {
  std::uint64_t captured = 0;
  std::uint64_t decoded = 0;  // frames that went through the decoder
  std::uint64_t dropped = 0;  // frames replaced before the decoder got to them
};

// Captures on one thread and decodes on another. The decoder always takes
// the newest frame: frames arriving while it is busy replace each other in a
// one-frame mailbox and are dropped, never queued, so results never lag
// behind the card. Events go to the callback from the decoding thread; the
// main loop is expected to forward them (e.g. with SDL_PushEvent).
class QrScanner {
 public:
  using Callback = std::function<void(const ScanEvent&)>;

  struct Options {
    qr::QrDecoder::Options decoder{};
    // Frames of a card held still are averaged when one alone is unreadable.
    MultiFrameDecoder::Options multi_frame{};
    // The same code is reported again only after it left the view or after
    // this long, so one card shown does not flood the state machine.
    std::chrono::milliseconds repeat_after{3000};
    // A hint must hold for this many decoded frames before it is shown, so
    // the message does not flicker.
    int hint_frames = 3;
  };

  QrScanner(std::unique_ptr<FrameSource> source, Callback callback)
      : QrScanner(std::move(source), std::move(callback), Options{}) {}
  QrScanner(std::unique_ptr<FrameSource> source, Callback callback, Options options);
  // Frames, camera state and hints also go to `preview`, which outlives the
  // scanner so the screen can tell a stopped camera from a missing one.
  QrScanner(std::unique_ptr<FrameSource> source, Callback callback, Options options,
            std::shared_ptr<CameraPreview> preview);
  ~QrScanner();
  QrScanner(const QrScanner&) = delete;
  QrScanner& operator=(const QrScanner&) = delete;

  void start();
  // Stops both threads; the preview frame is cleared.
  void stop();

  const LatestFrame& preview() const { return preview_->frames(); }
  ScanStats stats() const;

 private:
  void capture_loop();
  void decode_loop();
  void handle(const Frame& frame);

  std::unique_ptr<FrameSource> source_;
  Callback callback_;
  Options options_;
  MultiFrameDecoder decoder_;  // decoding thread only
  std::shared_ptr<CameraPreview> preview_;

  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::shared_ptr<const Frame> mailbox_;
  bool stopping_ = false;
  bool capture_done_ = false;
  ScanStats stats_;

  std::thread capture_thread_;
  std::thread decode_thread_;

  // Decoding thread only.
  std::string last_payload_;
  std::chrono::steady_clock::time_point last_payload_at_{};
  qr::Hint shown_hint_ = qr::Hint::kNone;
  qr::Hint pending_hint_ = qr::Hint::kNone;
  int pending_count_ = 0;
};

}  // namespace kiosk::camera
