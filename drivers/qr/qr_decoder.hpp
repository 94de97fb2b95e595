#pragma once

#include <array>
#include <optional>
#include <string>
#include <vector>

#include "drivers/qr/gray_image.hpp"

namespace kiosk::qr {

struct PointF {
  float x = 0;
  float y = 0;
};

using Quad = std::array<PointF, 4>;  // corners in image pixels

struct DecodedSymbol {
  std::string text;  // UTF-8 as carried by the code
  Quad corners{};
  bool micro = false;
};

// What the decoder noticed in a frame, decoded or not; the basis of the
// guidance shown to the person holding the card.
struct Sighting {
  int finder_hits = 0;            // rows crossing finder-like patterns
  float finder_module_px = 0;     // module size of those patterns, full-scale pixels
  std::optional<Quad> undecoded;  // a code located but not read
};

struct DecodeOutcome {
  std::vector<DecodedSymbol> symbols;
  Sighting sighting;
  int passes = 0;  // decoding passes spent (1 on an empty frame)
};

// ZXing-cpp tuned for a kiosk camera: a fast pass on a half-size image
// catches the usual card held in front of the camera; the slow thorough pass
// at full size runs only when the frame shows finder-like patterns.
class QrDecoder {
 public:
  struct Options {
    // Neither the card nor the receipt uses Micro QR; on the test pictures it
    // reads nothing more and costs up to about a millisecond per frame.
    bool micro_qr = false;
    int max_symbols = 4;
  };

  QrDecoder() : QrDecoder(Options{}) {}
  explicit QrDecoder(Options options) : options_(options) {}

  DecodeOutcome decode(const GrayView& image) const;

 private:
  Options options_;
};

}  // namespace kiosk::qr
