#pragma once

#include <filesystem>

#include "drivers/printer/bitmap.hpp"
#include "drivers/printer/receipt_printer.hpp"

namespace kiosk::printer {

// Writes each receipt as the thermal printer would print it, as PNG and PDF
// (receipt-<n>.png/.pdf in `dir`), for the demo and for tests.
class FileReceiptPrinter final : public ReceiptPrinter {
 public:
  FileReceiptPrinter(std::filesystem::path dir, PaperWidth paper) : dir_(std::move(dir)), paper_(paper) {}
  Status print(const Receipt& receipt) override;
  [[nodiscard]] std::filesystem::path last_png() const { return last_png_; }
  [[nodiscard]] std::filesystem::path last_pdf() const { return last_pdf_; }

 private:
  std::filesystem::path dir_;
  PaperWidth paper_;
  int count_ = 0;
  std::filesystem::path last_png_;
  std::filesystem::path last_pdf_;
};

// Black dots on white, 8-bit grey PNG.
bool write_bitmap_png(const std::filesystem::path& path, const Bitmap& bitmap);
// One page the size of the printed strip, CCITT G4 coded.
Result<std::vector<std::uint8_t>> bitmap_pdf(const Bitmap& bitmap, const std::string& title);

}  // namespace kiosk::printer
