#include "drivers/qr/zbar_reader.hpp"

#include <zbar.h>

#include <algorithm>
#include <memory>

namespace kiosk::qr {

std::vector<DecodedSymbol> read_with_zbar(const GrayView& image) {
  std::vector<DecodedSymbol> out;
  if (image.data == nullptr || image.width <= 0 || image.height <= 0) {
    return out;
  }
  // zbar wants packed rows.
  std::vector<std::uint8_t> packed(static_cast<std::size_t>(image.width) *
                                   static_cast<std::size_t>(image.height));
  for (int y = 0; y < image.height; ++y) {
    std::copy_n(image.row(y), image.width, packed.begin() + static_cast<std::ptrdiff_t>(y) * image.width);
  }
  const std::unique_ptr<zbar::zbar_image_scanner_t, decltype(&zbar::zbar_image_scanner_destroy)> scanner(
      zbar::zbar_image_scanner_create(), zbar::zbar_image_scanner_destroy);
  const std::unique_ptr<zbar::zbar_image_t, decltype(&zbar::zbar_image_destroy)> zimage(
      zbar::zbar_image_create(), zbar::zbar_image_destroy);
  if (!scanner || !zimage) {
    return out;
  }
  zbar::zbar_image_scanner_set_config(scanner.get(), zbar::ZBAR_NONE, zbar::ZBAR_CFG_ENABLE, 0);
  zbar::zbar_image_scanner_set_config(scanner.get(), zbar::ZBAR_QRCODE, zbar::ZBAR_CFG_ENABLE, 1);
  zbar::zbar_image_set_format(zimage.get(), zbar_fourcc('Y', '8', '0', '0'));
  zbar::zbar_image_set_size(zimage.get(), static_cast<unsigned>(image.width),
                            static_cast<unsigned>(image.height));
  zbar::zbar_image_set_data(zimage.get(), packed.data(), packed.size(), nullptr);
  if (zbar::zbar_scan_image(scanner.get(), zimage.get()) <= 0) {
    return out;
  }
  for (const zbar::zbar_symbol_t* s = zbar::zbar_image_first_symbol(zimage.get()); s != nullptr;
       s = zbar::zbar_symbol_next(s)) {
    if (zbar::zbar_symbol_get_type(s) != zbar::ZBAR_QRCODE) {
      continue;
    }
    DecodedSymbol symbol;
    symbol.text.assign(zbar::zbar_symbol_get_data(s), zbar::zbar_symbol_get_data_length(s));
    // zbar gives the code's outline as points; the first four are its corners.
    const unsigned points = zbar::zbar_symbol_get_loc_size(s);
    for (unsigned i = 0; i < 4 && i < points; ++i) {
      symbol.corners[i] = {static_cast<float>(zbar::zbar_symbol_get_loc_x(s, i)),
                           static_cast<float>(zbar::zbar_symbol_get_loc_y(s, i))};
    }
    out.push_back(std::move(symbol));
  }
  return out;
}

}  // namespace kiosk::qr
