// The QR decoder's stages on arbitrary frames: any size from the first two
// bytes, pixels from the rest. Every stage (contrast normalisation, double
// size, ZXing, zbar) must survive whatever a broken camera delivers, and a
// decoded symbol's corners must be finite.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <vector>

#include "drivers/qr/contrast.hpp"
#include "drivers/qr/gray_image.hpp"
#include "drivers/qr/qr_decoder.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 3) {
    return 0;
  }
  using namespace kiosk::qr;
  const int width = 1 + data[0] % 160;
  const int height = 1 + data[1] % 120;
  std::vector<std::uint8_t> pixels(static_cast<std::size_t>(width) * static_cast<std::size_t>(height));
  for (std::size_t i = 0; i < pixels.size(); ++i) {
    pixels[i] = data[2 + i % (size - 2)];
  }
  const GrayView view{pixels.data(), width, height, width};
  const GrayImage normalised = normalise_contrast(view, 1 + data[2] % 40);
  const GrayImage doubled = upscale_double(view);
  if (normalised.pixels.size() != pixels.size() || doubled.pixels.size() != 4 * pixels.size()) {
    std::abort();
  }
  const DecodeOutcome outcome = QrDecoder().decode(view);
  for (const DecodedSymbol& s : outcome.symbols) {
    for (const PointF& p : s.corners) {
      if (!std::isfinite(p.x) || !std::isfinite(p.y)) {
        std::abort();
      }
    }
  }
  return 0;
}
