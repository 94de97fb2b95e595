#pragma once

#include <cstdint>
#include <vector>

namespace kiosk::pdf {

// CCITT T.6 (Group 4) coding of a bilevel image, as PDF's CCITTFaxDecode
// reads it with /K -1 (EndOfBlock included). Rows come from a grey image: a
// pixel below `threshold` is black.
std::vector<std::uint8_t> encode_ccitt_g4(const std::uint8_t* grey, int width, int height, int stride,
                                          std::uint8_t threshold = 128);

}  // namespace kiosk::pdf
