// DG2: biometric template and ISO/IEC 19794-5 record (the image codecs are
// Debian's libraries and are not fuzzed here).
#include <cstddef>
#include <cstdint>

#include "drivers/card/card_error.hpp"
#include "drivers/card/face_image.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace kiosk::card;
  try {
    FaceImage f = parse_dg2(ByteView(data, size));
    if (f.encoded.size() > size)
      __builtin_trap();
  } catch (const CardError&) {
  }
  return 0;
}
