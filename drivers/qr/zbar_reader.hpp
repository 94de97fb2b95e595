#pragma once

#include <vector>

#include "drivers/qr/gray_image.hpp"
#include "drivers/qr/qr_decoder.hpp"

namespace kiosk::qr {

// zbar's QR reader (Debian libzbar), QR only. It locates codes differently
// from ZXing and reads some motion-blurred, glared and faded codes ZXing
// gives up on; it is several times slower, so the decoder asks it last.
std::vector<DecodedSymbol> read_with_zbar(const GrayView& image);

}  // namespace kiosk::qr
