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

// A rectangle of a frame, in its pixels.
struct Area {
  int left = 0;
  int top = 0;
  int width = 0;
  int height = 0;
};

// What the decoder noticed in a frame, decoded or not; the basis of the
// guidance shown to the person holding the card.
struct Sighting {
  int finder_hits = 0;            // rows crossing finder-like patterns
  float finder_module_px = 0;     // module size of those patterns, full-scale pixels
  std::optional<Quad> undecoded;  // a code located but not read
  std::optional<Area> searched;   // where the slower stages looked, if they ran
};

// The decoding stages, cheapest first; a frame stops at the first that reads.
enum class Stage {
  kNone,
  kFast,        // ZXing on the half-size frame
  kFullSize,    // ZXing trying harder on the full-size frame, when no finder pattern was seen
  kThorough,    // ZXing trying harder, full size, around the finder patterns
  kNormalised,  // the same after local contrast normalisation
  kGlobal,      // ZXing's global-histogram binarizer on the normalised region
  kUpscaled,    // the normalised region at twice the size, for small modules
  kZbar,        // zbar on the normalised region
  kWholeFrame,  // ZXing on the whole frame, turned and downscaled, both binarizers
};

const char* to_string(Stage stage);

struct DecodeOutcome {
  std::vector<DecodedSymbol> symbols;
  Sighting sighting;
  int passes = 0;  // decoding passes spent (1 on an empty frame)
  Stage read_by = Stage::kNone;
  int combined_frames = 1;  // frames averaged into the picture that was read
};

// ZXing-cpp tuned for a kiosk camera: a fast pass on a half-size image
// catches the usual card held in front of the camera. A frame where the
// finder scans see nothing gets one more ZXing pass at full size, for modules
// of two pixels or less that neither the half-size pass nor the finder scan
// resolves. Only when the frame shows finder-like patterns (found on the
// frame itself or, for faded and shadowed prints, on its contrast-normalised
// half-size copy) do the slower stages run, in order, around those patterns:
// ZXing trying harder, the same on the normalised region, the global
// binarizer, a double-size copy for small modules, zbar as a second opinion,
// and last ZXing over the whole frame with every option it has.
class QrDecoder {
 public:
  struct Options {
    // Neither the card nor the receipt uses Micro QR; on the test pictures it
    // reads nothing more and costs up to about a millisecond per frame.
    bool micro_qr = false;
    int max_symbols = 4;
    // Each later stage can be turned off, to measure what it pays.
    bool full_size = true;
    bool normalised = true;
    bool global = true;
    bool upscaled = true;
    bool zbar = true;
    bool whole_frame = true;
  };

  QrDecoder() : QrDecoder(Options{}) {}
  explicit QrDecoder(Options options) : options_(options) {}

  DecodeOutcome decode(const GrayView& image) const;

 private:
  Options options_;
};

}  // namespace kiosk::qr
