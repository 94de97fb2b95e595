#pragma once

#include <string>

#include "drivers/scanner/page_source.hpp"

namespace kiosk::scanner {

// A document camera looking down at the tray: the sheet is found in a frame,
// its perspective corrected and cropped. The camera gives no resolution, so
// the sheet is taken as A4 (long side 297 mm) to size the page.
class CameraPageSource final : public PageSource {
 public:
  explicit CameraPageSource(std::string device) : device_(std::move(device)) {}
  Result<std::vector<RawPage>> acquire(const ScanSettings& settings) override;
  [[nodiscard]] std::string describe() const override { return "camera:" + device_; }

 private:
  std::string device_;
};

}  // namespace kiosk::scanner
