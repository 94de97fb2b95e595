#pragma once

#include <filesystem>

#include "drivers/scanner/page_source.hpp"

namespace kiosk::scanner {

// Pages from picture files (PNG, JPEG, PNM), one file per page side, in name
// order: for tests, demos and technicians replaying a problem scan.
class ImageDirSource final : public PageSource {
 public:
  explicit ImageDirSource(std::filesystem::path dir) : dir_(std::move(dir)) {}
  Result<std::vector<RawPage>> acquire(const ScanSettings& settings) override;
  [[nodiscard]] std::string describe() const override { return "dir:" + dir_.string(); }

 private:
  std::filesystem::path dir_;
};

// Decodes one picture file into a grey or RGB raster.
Result<pdf::Raster> load_picture(const std::filesystem::path& path);

}  // namespace kiosk::scanner
