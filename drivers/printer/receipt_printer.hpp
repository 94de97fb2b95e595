#pragma once

#include "drivers/printer/receipt.hpp"
#include "kiosk/core/result.hpp"

namespace kiosk::printer {

// Where receipts go. Errors are PrinterPaperOut, PrinterCoverOpen or
// PrinterOffline (unplugged, switched off, not answering), all retriable: the
// session offers the on-screen QR instead and goes on.
class ReceiptPrinter {
 public:
  virtual ~ReceiptPrinter() = default;
  virtual Status print(const Receipt& receipt) = 0;
};

}  // namespace kiosk::printer
