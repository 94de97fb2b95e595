#pragma once

#include "drivers/qr/gray_image.hpp"

namespace kiosk::qr {

// Counts rows crossing something shaped like a QR finder pattern (dark,
// light, dark, light, dark runs in the ratio 1:1:3:1:1). It costs a fraction
// of a millisecond and lets the decoder spend its slow, thorough pass only on
// frames that probably hold a code.
struct FinderScan {
  int hits = 0;           // confirmed by a neighbouring row
  float mean_module = 0;  // pixels per module over the hits
  float max_module = 0;   // the largest module over the hits
  // Centres of the confirmed hits span [min_x, max_x] x [min_y, max_y].
  int min_x = 0;
  int min_y = 0;
  int max_x = -1;
  int max_y = -1;
};

FinderScan scan_finder_patterns(const GrayView& image, int row_step);

}  // namespace kiosk::qr
