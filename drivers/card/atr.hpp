#pragma once
// Answer-to-reset: whether the card announces extended length APDUs in its
// card capabilities (ISO/IEC 7816-4, 8.1.1.2.7, compact-TLV tag 7x, third
// software function byte, bit 7).
#include "drivers/card/bytes.hpp"

namespace kiosk::card {

bool atr_announces_extended_length(ByteView atr);
// A T=1 ATR whose historical bytes carry the card capabilities.
Bytes build_atr(bool extended_length);

}  // namespace kiosk::card
