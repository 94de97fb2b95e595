#pragma once

#include <cstdint>
#include <memory>
#include <optional>

#include "drivers/printer/bitmap.hpp"
#include "drivers/printer/receipt_printer.hpp"
#include "drivers/printer/usb_bus.hpp"

namespace kiosk::printer {

struct EscPosConfig {
  PaperWidth paper = PaperWidth::Mm80;
  std::optional<std::uint16_t>
      vendor_id;  // with product_id: this printer, else the first printer-class device
  std::optional<std::uint16_t> product_id;
  int feed_lines = 4;
};

// An ESC/POS thermal printer on USB. Checks paper, cover and online state
// before printing and paper again after each band, so a roll running out
// mid-receipt is reported rather than leaving half a receipt unexplained.
class EscPosPrinter final : public ReceiptPrinter {
 public:
  EscPosPrinter(std::shared_ptr<UsbBus> bus, EscPosConfig config) : bus_(std::move(bus)), config_(config) {}
  Status print(const Receipt& receipt) override;
  // The raster part alone, for callers that already rendered the receipt.
  Status print_bitmap(const Bitmap& bitmap);

 private:
  std::shared_ptr<UsbBus> bus_;
  EscPosConfig config_;
};

}  // namespace kiosk::printer
