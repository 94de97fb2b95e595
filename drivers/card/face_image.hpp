#pragma once
// DG2: the facial image in an ISO/IEC 19794-5 record inside the biometric
// information template (ICAO 9303 Part 10, 4.7.2), JPEG or JPEG 2000.
#include <string>

#include "drivers/card/bytes.hpp"

namespace kiosk::card {

struct FaceImage {
  enum class Format { Jpeg, Jpeg2000 };
  Format format = Format::Jpeg2000;
  Bytes encoded;  // as stored on the chip
  int width = 0;  // from decoding, 0 until decoded
  int height = 0;
  Bytes rgb;  // width * height * 3 after decoding

  std::string file_extension() const { return format == Format::Jpeg ? ".jpg" : ".jp2"; }
  void wipe();
};

// Extracts the first facial image; throws CardError(InvalidData).
FaceImage parse_dg2(ByteView file);
// Decodes into RGB pixels (OpenJPEG from memory, or TurboJPEG).
void decode_face(FaceImage& face);

// Wraps an encoded image into a DG2 file (used by the virtual card).
Bytes build_dg2(const FaceImage& face, int width, int height);

}  // namespace kiosk::card
