#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <vector>

#include "kiosk/core/result.hpp"

namespace kiosk::printer {

// A USB printer interface: where to send and where to read status.
struct UsbPrinterPort {
  std::uint16_t vendor_id = 0;
  std::uint16_t product_id = 0;
  std::uint8_t bus = 0;
  std::uint8_t address = 0;
  std::uint8_t interface_number = 0;
  std::uint8_t out_endpoint = 0;
  std::optional<std::uint8_t> in_endpoint;  // some printers cannot report status
};

// An opened, claimed printer interface.
class UsbLink {
 public:
  virtual ~UsbLink() = default;
  virtual Status write(std::span<const std::uint8_t> bytes) = 0;
  // Up to `max` bytes; an empty vector when nothing came within `timeout`.
  virtual Result<std::vector<std::uint8_t>> read(std::size_t max, std::chrono::milliseconds timeout) = 0;
};

// The few libusb calls the receipt printer needs, behind an interface so that
// tests can put a scripted printer at this boundary.
class UsbBus {
 public:
  virtual ~UsbBus() = default;
  // Interfaces of class 7 (printer) with a bulk OUT endpoint.
  virtual std::vector<UsbPrinterPort> printers() = 0;
  virtual Result<std::unique_ptr<UsbLink>> open(const UsbPrinterPort& port) = 0;
};

// libusb-1.0; detaches a kernel usblp driver while printing.
std::unique_ptr<UsbBus> make_libusb_bus();

}  // namespace kiosk::printer
