#pragma once

#include <string>

#include "drivers/scanner/page_source.hpp"

namespace kiosk::scanner {

// A scanner through libsane. The device is opened for each acquisition and
// closed afterwards, so an unplugged scanner is found out at the next scan.
class SaneSource final : public PageSource {
 public:
  explicit SaneSource(std::string device) : device_(std::move(device)) {}
  Result<std::vector<RawPage>> acquire(const ScanSettings& settings) override;
  [[nodiscard]] std::string describe() const override { return "sane:" + device_; }

 private:
  std::string device_;
};

}  // namespace kiosk::scanner
