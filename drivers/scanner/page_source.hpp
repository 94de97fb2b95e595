#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "drivers/pdf/raster.hpp"
#include "kiosk/core/result.hpp"

namespace kiosk::scanner {

enum class PaperFeed { Flatbed, Feeder, FeederDuplex };

struct ScanSettings {
  int dpi = 300;
  bool colour = true;  // acquire in colour; clean-up decides how each page is stored
  PaperFeed feed = PaperFeed::Flatbed;
  int max_pages = 50;
};

// One side of one sheet as the device delivered it.
struct RawPage {
  pdf::Raster image;
  double dpi = 300;
  bool back_side = false;  // duplex back: dropped when blank
};

// Where pages come from: a SANE scanner, a document camera, or picture files.
class PageSource {
 public:
  virtual ~PageSource() = default;
  // Acquires every page the source holds (one for a flatbed or camera, until
  // the feeder is empty for a feeder). Blocks; run it off the UI thread.
  virtual Result<std::vector<RawPage>> acquire(const ScanSettings& settings) = 0;
  [[nodiscard]] virtual std::string describe() const = 0;
};

// "sane:DEVICE" (e.g. sane:test:0, sane:genesys:libusb:001:004), "dir:PATH"
// (each PNG/JPEG/PNM file below PATH, in name order, is one page at the
// settings' dpi), or "camera:DEV" (a document camera through drivers/camera;
// DEV as drivers/camera understands it, e.g. /dev/video0 or dir:PATH).
Result<std::unique_ptr<PageSource>> open_page_source(std::string_view spec);

}  // namespace kiosk::scanner
