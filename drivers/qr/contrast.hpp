#pragma once

#include "drivers/qr/gray_image.hpp"

namespace kiosk::qr {

// Local contrast normalisation: every pixel's distance from the mean of its
// neighbourhood, divided by the neighbourhood's spread. A faded print, a
// shadow across half the code and a light gradient all come out at the same
// contrast, so a binarizer's fixed dynamic-range floor no longer drops them.
// Statistics are taken over `block`-pixel tiles, smoothed over their
// neighbours and interpolated, which keeps it linear and cheap (about 1 ms
// for 640x360).
GrayImage normalise_contrast(const GrayView& in, int block = 32);

}  // namespace kiosk::qr
