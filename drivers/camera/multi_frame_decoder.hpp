#pragma once

#include <cstdint>
#include <vector>

#include "drivers/qr/gray_image.hpp"
#include "drivers/qr/qr_decoder.hpp"

namespace kiosk::camera {

// Reads a card held in front of the camera from several consecutive frames.
// When a frame shows a code that no stage reads, the frame is aligned onto
// the frames before it (the shift that best matches the code's area) and
// added to their sum; the decoder then tries the average, in which sensor
// noise, JPEG blocks and a faded print's grain have averaged out. The stack
// starts again when a code is read, when the code leaves the view or moves
// away, and after `max_frames`.
class MultiFrameDecoder {
 public:
  struct Options {
    bool enabled = true;
    int max_frames = 8;
    int search_px = 4;  // hand tremor between two decoded frames
  };

  MultiFrameDecoder() : MultiFrameDecoder(qr::QrDecoder::Options{}, Options{}) {}
  MultiFrameDecoder(qr::QrDecoder::Options decoder, Options options);
  ~MultiFrameDecoder();
  MultiFrameDecoder(const MultiFrameDecoder&) = delete;
  MultiFrameDecoder& operator=(const MultiFrameDecoder&) = delete;

  qr::DecodeOutcome decode(const qr::GrayView& frame);
  int stacked() const { return frames_; }
  // Forgets the stacked frames, zeroing them: they show a card's code.
  void reset();

 private:
  void start(const qr::GrayView& frame, const qr::Area& area);
  void add(const qr::GrayView& frame);

  qr::QrDecoder decoder_;
  Options options_;
  qr::Area area_{};
  std::vector<std::uint8_t> reference_;  // the first frame's area
  std::vector<std::uint16_t> sum_;       // the aligned frames' area, summed
  int frames_ = 0;
};

}  // namespace kiosk::camera
