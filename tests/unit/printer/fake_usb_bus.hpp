#pragma once

#include <memory>
#include <optional>
#include <vector>

#include "drivers/printer/usb_bus.hpp"

namespace kiosk::printer::testing {

// A scripted ESC/POS printer at the libusb boundary: records every byte sent
// to its OUT endpoint and answers DLE EOT status requests from its state.
struct FakePrinterState {
  UsbPrinterPort port{0x0416, 0x5011, 1, 4, 0, 0x01, std::uint8_t{0x81}};
  std::vector<std::uint8_t> received;
  bool present = true;
  bool cover_open = false;
  bool offline = false;
  bool answers_status = true;
  std::optional<std::size_t> paper_runs_out_after;  // bytes of output
  std::optional<std::size_t> unplugged_after;       // bytes of output
  int opened = 0;
  std::vector<std::uint8_t> pending_replies;
};

class FakeUsbLink final : public UsbLink {
 public:
  explicit FakeUsbLink(std::shared_ptr<FakePrinterState> state) : state_(std::move(state)) {}

  Status write(std::span<const std::uint8_t> bytes) override {
    auto& s = *state_;
    if (!s.present || (s.unplugged_after && s.received.size() >= *s.unplugged_after)) {
      s.present = false;
      return Error{ErrorCode::PrinterOffline, "bulk out: LIBUSB_ERROR_NO_DEVICE"};
    }
    s.received.insert(s.received.end(), bytes.begin(), bytes.end());
    if (bytes.size() == 3 && bytes[0] == 0x10 && bytes[1] == 0x04 && s.answers_status) {
      const bool paper_out = s.paper_runs_out_after && s.received.size() > *s.paper_runs_out_after;
      std::uint8_t reply = 0x12;
      if (bytes[2] == 1 && (s.offline || s.cover_open)) {
        reply |= 0x08;
      } else if (bytes[2] == 2 && s.cover_open) {
        reply |= 0x04;
      } else if (bytes[2] == 4 && paper_out) {
        reply |= 0x60;
      }
      s.pending_replies.push_back(reply);
    }
    return Done{};
  }

  Result<std::vector<std::uint8_t>> read(std::size_t max, std::chrono::milliseconds) override {
    auto& s = *state_;
    if (!s.present) {
      return Error{ErrorCode::PrinterOffline, "bulk in: LIBUSB_ERROR_NO_DEVICE"};
    }
    std::vector<std::uint8_t> out;
    while (!s.pending_replies.empty() && out.size() < max) {
      out.push_back(s.pending_replies.front());
      s.pending_replies.erase(s.pending_replies.begin());
    }
    return out;
  }

 private:
  std::shared_ptr<FakePrinterState> state_;
};

class FakeUsbBus final : public UsbBus {
 public:
  explicit FakeUsbBus(std::shared_ptr<FakePrinterState> state) : state_(std::move(state)) {}
  std::vector<UsbPrinterPort> printers() override {
    if (!state_->present) {
      return {};
    }
    return {state_->port};
  }
  Result<std::unique_ptr<UsbLink>> open(const UsbPrinterPort&) override {
    if (!state_->present) {
      return Error{ErrorCode::PrinterOffline, "open: LIBUSB_ERROR_NO_DEVICE"};
    }
    ++state_->opened;
    return std::unique_ptr<UsbLink>(std::make_unique<FakeUsbLink>(state_));
  }

 private:
  std::shared_ptr<FakePrinterState> state_;
};

}  // namespace kiosk::printer::testing
