#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "drivers/qr/gray_image.hpp"

namespace kiosk::qr::testing {

// A citizen bringing a card (or receipt) into the camera's view and holding
// it there, as 15 frames a second: a few frames of the empty desk, the card
// sliding in with motion blur, then held with hand tremor. The lobby's
// distortion (one of kHardKinds) stays the same for the whole sequence; the
// sensor noise and the tremor change every frame.
struct CardSequence {
  std::string name;
  std::string kind;
  std::string payload;
  std::vector<GrayImage> frames;
  std::size_t enters = 0;  // the first frame showing the card
};

constexpr int kFramesPerSecond = 15;

// `count` sequences (0: one per hard kind and payload, 72), each
// `frames_each` frames long; deterministic for a given seed.
std::vector<CardSequence> make_card_sequences(const std::string& source_dir, unsigned seed = 15,
                                              std::size_t count = 0, std::size_t frames_each = 36);

}  // namespace kiosk::qr::testing
