#pragma once

// One PDF per dossier component from scanned page images:
//
//   std::vector<ScannedPage> pages = ...;           // from drivers/scanner
//   auto pdf = build_image_pdf(pages, {"Giấy khai sinh", "Kiosk TTHC-01", now});
//
// Colour pages become DCT (JPEG, libjpeg-turbo) RGB images, grey pages DCT
// grey, black-and-white pages CCITT Group 4; each page is sized from its scan
// resolution so it prints at the paper's real size.

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "drivers/pdf/pdf_error.hpp"
#include "drivers/pdf/raster.hpp"

namespace kiosk::pdf {

struct ScannedPage {
  Raster image;  // grey or RGB; for BlackWhite a grey image thresholded at 128
  double dpi = 300;
  ColourMode mode = ColourMode::Colour;
};

struct DocumentInfo {
  std::string title;     // UTF-8, e.g. the component name
  std::string producer;  // e.g. the kiosk's device name
  std::chrono::system_clock::time_point created;
};

struct ImagePdfOptions {
  int jpeg_quality = 80;
};

PdfResult<std::vector<std::uint8_t>> build_image_pdf(const std::vector<ScannedPage>& pages,
                                                     const DocumentInfo& info,
                                                     const ImagePdfOptions& options = {});

}  // namespace kiosk::pdf
