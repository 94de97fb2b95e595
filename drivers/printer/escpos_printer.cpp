#include "drivers/printer/escpos_printer.hpp"

#include <chrono>

#include "drivers/printer/escpos.hpp"
#include "drivers/printer/receipt_raster.hpp"

namespace kiosk::printer {
namespace {

constexpr std::chrono::milliseconds kStatusTimeout{500};

// The status byte for `kind`, or nothing when the printer does not answer
// status requests (many cheap printers have no IN endpoint).
Result<std::optional<std::uint8_t>> query(UsbLink& link, escpos::StatusKind kind) {
  const auto request = escpos::status_request(kind);
  if (auto sent = link.write(request); !sent) {
    return sent.error();
  }
  auto reply = link.read(1, kStatusTimeout);
  if (!reply) {
    return reply.error();
  }
  if (reply->empty() || !escpos::valid_status(reply->back())) {
    return std::optional<std::uint8_t>{};
  }
  return std::optional<std::uint8_t>{reply->back()};
}

Status check_paper(UsbLink& link, const char* when) {
  auto paper = query(link, escpos::StatusKind::PaperSensor);
  if (!paper) {
    return paper.error();
  }
  if (*paper && escpos::paper_out(**paper)) {
    return Error{ErrorCode::PrinterPaperOut, std::string("paper out ") + when};
  }
  return Done{};
}

Status check_ready(UsbLink& link) {
  auto printer = query(link, escpos::StatusKind::Printer);
  if (!printer) {
    return printer.error();
  }
  if (auto paper = check_paper(link, "before printing"); !paper) {
    return paper;
  }
  if (*printer && escpos::offline(**printer)) {
    auto cause = query(link, escpos::StatusKind::OfflineCause);
    if (!cause) {
      return cause.error();
    }
    if (*cause && escpos::cover_open(**cause)) {
      return Error{ErrorCode::PrinterCoverOpen, "cover open"};
    }
    return Error{ErrorCode::PrinterOffline, "printer reports offline"};
  }
  return Done{};
}

}  // namespace

Status EscPosPrinter::print(const Receipt& receipt) {
  auto bitmap = render_receipt(receipt, config_.paper);
  if (!bitmap) {
    return bitmap.error();
  }
  return print_bitmap(*bitmap);
}

Status EscPosPrinter::print_bitmap(const Bitmap& bitmap) {
  std::optional<UsbPrinterPort> chosen;
  for (const auto& port : bus_->printers()) {
    const bool wanted = !config_.vendor_id || !config_.product_id ||
                        (port.vendor_id == *config_.vendor_id && port.product_id == *config_.product_id);
    if (wanted) {
      chosen = port;
      break;
    }
  }
  if (!chosen) {
    return Error{ErrorCode::PrinterOffline, "no USB printer found"};
  }
  auto link = bus_->open(*chosen);
  if (!link) {
    return link.error();
  }
  UsbLink& usb = **link;
  if (auto ready = check_ready(usb); !ready) {
    return ready;
  }
  if (auto sent = usb.write(escpos::initialise()); !sent) {
    return sent;
  }
  for (int row = 0; row < bitmap.height; row += escpos::kBandRows) {
    if (auto sent = usb.write(escpos::raster_band(bitmap, row, escpos::kBandRows)); !sent) {
      return sent;
    }
    if (auto paper = check_paper(usb, "mid-receipt"); !paper) {
      return paper;
    }
  }
  return usb.write(escpos::feed_and_cut(config_.feed_lines));
}

}  // namespace kiosk::printer
