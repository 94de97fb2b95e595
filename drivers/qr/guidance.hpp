#pragma once

#include <string_view>

#include "drivers/qr/gray_image.hpp"
#include "drivers/qr/qr_decoder.hpp"

namespace kiosk::qr {

// What to tell the person holding a card in front of the camera.
enum class Hint {
  kNone,  // a code was read
  kNoCodeSeen,
  kMoveCloser,    // a code is there but its modules are too small
  kTooMuchGlare,  // a saturated patch sits on the code
  kHoldStill,     // a code is there but blurred
};

std::string_view to_string(Hint hint);

struct GuidanceMeasures {
  float code_side_px = 0;    // side of the located code, 0 if none
  float glare_fraction = 0;  // saturated pixels in the code's area
  float sharpness = 0;       // strongest edges relative to contrast, 0..1
};

GuidanceMeasures measure_guidance(const DecodeOutcome& outcome, const GrayView& image);
Hint guidance_hint(const DecodeOutcome& outcome, const GrayView& image);

}  // namespace kiosk::qr
