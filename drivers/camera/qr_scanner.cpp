#include "drivers/camera/qr_scanner.hpp"

#include "kiosk/core/secure_wipe.hpp"
#include "kiosk/core/stack_wipe.hpp"

namespace kiosk::camera {

QrScanner::QrScanner(std::unique_ptr<FrameSource> source, Callback callback, Options options)
    : QrScanner(std::move(source), std::move(callback), options, std::make_shared<CameraPreview>()) {}

QrScanner::QrScanner(std::unique_ptr<FrameSource> source, Callback callback, Options options,
                     std::shared_ptr<CameraPreview> preview)
    : source_(std::move(source)),
      callback_(std::move(callback)),
      options_(options),
      decoder_(options.decoder, options.multi_frame),
      preview_(std::move(preview)) {}

QrScanner::~QrScanner() {
  stop();
}

void QrScanner::start() {
  if (capture_thread_.joinable()) {
    return;
  }
  {
    const std::lock_guard lock(mutex_);
    stopping_ = false;
    capture_done_ = false;
  }
  preview_->set_state(CameraState::kStarting);
  decode_thread_ = std::thread([this] { decode_loop(); });
  capture_thread_ = std::thread([this] { capture_loop(); });
}

void QrScanner::stop() {
  {
    const std::lock_guard lock(mutex_);
    stopping_ = true;
    mailbox_.reset();
  }
  wake_.notify_all();
  if (capture_thread_.joinable()) {
    capture_thread_.join();
  }
  if (decode_thread_.joinable()) {
    decode_thread_.join();
  }
  // The last code read is a card's ID number, name and address: it must not
  // outlive the session that showed it.
  secure_wipe(last_payload_);
  last_payload_.clear();
  decoder_.reset();
  preview_->clear(CameraState::kOff);
}

ScanStats QrScanner::stats() const {
  const std::lock_guard lock(mutex_);
  return stats_;
}

void QrScanner::capture_loop() {
  while (true) {
    {
      const std::lock_guard lock(mutex_);
      if (stopping_) {
        break;
      }
    }
    FrameOrError next = source_->next();
    if (auto* error = std::get_if<CameraError>(&next)) {
      ScanEvent event;
      event.kind = ScanEvent::Kind::kCameraFailed;
      event.error = *error;
      if (error->code != CameraErrorCode::kEndOfStream) {
        callback_(event);
      }
      if (error->retriable()) {
        continue;
      }
      if (error->code != CameraErrorCode::kEndOfStream) {
        preview_->set_state(CameraState::kFailed);
      }
      break;
    }
    auto frame = std::make_shared<const Frame>(std::move(std::get<Frame>(next)));
    preview_->publish(frame);
    {
      const std::lock_guard lock(mutex_);
      ++stats_.captured;
      if (mailbox_) {
        ++stats_.dropped;
      }
      mailbox_ = std::move(frame);
    }
    wake_.notify_one();
  }
  {
    const std::lock_guard lock(mutex_);
    capture_done_ = true;
  }
  wake_.notify_all();
}

void QrScanner::decode_loop() {
  while (true) {
    std::shared_ptr<const Frame> frame;
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [&] { return stopping_ || mailbox_ || capture_done_; });
      if (stopping_ || (!mailbox_ && capture_done_)) {
        return;
      }
      frame = std::move(mailbox_);
    }
    run_then_wipe_stack([this, &frame] { handle(*frame); });
    const std::lock_guard lock(mutex_);
    ++stats_.decoded;
  }
}

void QrScanner::handle(const Frame& frame) {
  const auto t0 = std::chrono::steady_clock::now();
  const qr::GrayView gray = frame.gray_view();
  const qr::DecodeOutcome outcome = decoder_.decode(gray);
  const qr::Hint hint = qr::guidance_hint(outcome, gray);
  const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();

  for (const qr::DecodedSymbol& symbol : outcome.symbols) {
    const auto now = std::chrono::steady_clock::now();
    if (symbol.text == last_payload_ && now - last_payload_at_ < options_.repeat_after) {
      last_payload_at_ = now;
      continue;
    }
    last_payload_ = symbol.text;
    last_payload_at_ = now;
    ScanEvent event;
    event.kind = ScanEvent::Kind::kCodeRead;
    event.payload = symbol.text;
    event.hint = qr::Hint::kNone;
    event.frame_sequence = frame.sequence;
    event.decode_ms = ms;
    callback_(event);
  }

  if (hint == pending_hint_) {
    ++pending_count_;
  } else {
    pending_hint_ = hint;
    pending_count_ = 1;
  }
  const bool immediate = hint == qr::Hint::kNone;  // success clears the message at once
  if (hint != shown_hint_ && (immediate || pending_count_ >= options_.hint_frames)) {
    shown_hint_ = hint;
    preview_->set_hint(hint);
    ScanEvent event;
    event.kind = ScanEvent::Kind::kHintChanged;
    event.hint = hint;
    event.frame_sequence = frame.sequence;
    event.decode_ms = ms;
    callback_(event);
  }
}

}  // namespace kiosk::camera
