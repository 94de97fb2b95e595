#include <libusb.h>

#include <climits>
#include <string>

#include "drivers/printer/usb_bus.hpp"

namespace kiosk::printer {
namespace {

constexpr std::uint8_t kPrinterClass = 7;

Error usb_error(int code, const std::string& what) {
  // Gone or not answering: to the person at the kiosk the printer is offline.
  return Error{ErrorCode::PrinterOffline, what + ": " + libusb_error_name(code)};
}

class LibusbLink final : public UsbLink {
 public:
  LibusbLink(libusb_device_handle* handle, UsbPrinterPort port) : handle_(handle), port_(port) {}
  ~LibusbLink() override {
    libusb_release_interface(handle_, port_.interface_number);
    libusb_close(handle_);
  }
  LibusbLink(const LibusbLink&) = delete;
  LibusbLink& operator=(const LibusbLink&) = delete;

  Status write(std::span<const std::uint8_t> bytes) override {
    std::size_t sent = 0;
    while (sent < bytes.size()) {
      const int chunk = static_cast<int>(std::min<std::size_t>(bytes.size() - sent, 16384));
      int done = 0;
      const int rc = libusb_bulk_transfer(handle_, port_.out_endpoint,
                                          const_cast<std::uint8_t*>(bytes.data() + sent), chunk, &done, 5000);
      if (rc != 0) {
        return usb_error(rc, "bulk out");
      }
      sent += static_cast<std::size_t>(done);
    }
    return Done{};
  }

  Result<std::vector<std::uint8_t>> read(std::size_t max, std::chrono::milliseconds timeout) override {
    if (!port_.in_endpoint) {
      return std::vector<std::uint8_t>{};
    }
    std::vector<std::uint8_t> buffer(std::min<std::size_t>(max, 512));
    int done = 0;
    const int rc =
        libusb_bulk_transfer(handle_, *port_.in_endpoint, buffer.data(), static_cast<int>(buffer.size()),
                             &done, static_cast<unsigned>(timeout.count()));
    if (rc == LIBUSB_ERROR_TIMEOUT) {
      return std::vector<std::uint8_t>{};
    }
    if (rc != 0) {
      return usb_error(rc, "bulk in");
    }
    buffer.resize(static_cast<std::size_t>(done));
    return buffer;
  }

 private:
  libusb_device_handle* handle_;
  UsbPrinterPort port_;
};

class LibusbBus final : public UsbBus {
 public:
  LibusbBus() { ok_ = libusb_init(&context_) == 0; }
  ~LibusbBus() override {
    if (ok_) {
      libusb_exit(context_);
    }
  }
  LibusbBus(const LibusbBus&) = delete;
  LibusbBus& operator=(const LibusbBus&) = delete;

  std::vector<UsbPrinterPort> printers() override {
    std::vector<UsbPrinterPort> found;
    if (!ok_) {
      return found;
    }
    libusb_device** list = nullptr;
    const ssize_t count = libusb_get_device_list(context_, &list);
    for (ssize_t i = 0; i < count; ++i) {
      libusb_device* device = list[i];
      libusb_device_descriptor descriptor{};
      libusb_config_descriptor* config = nullptr;
      if (libusb_get_device_descriptor(device, &descriptor) != 0 ||
          libusb_get_active_config_descriptor(device, &config) != 0) {
        continue;
      }
      for (int n = 0; n < config->bNumInterfaces; ++n) {
        const libusb_interface& interface = config->interface[n];
        for (int a = 0; a < interface.num_altsetting; ++a) {
          const libusb_interface_descriptor& alt = interface.altsetting[a];
          if (alt.bInterfaceClass != kPrinterClass) {
            continue;
          }
          UsbPrinterPort port{descriptor.idVendor,
                              descriptor.idProduct,
                              libusb_get_bus_number(device),
                              libusb_get_device_address(device),
                              alt.bInterfaceNumber,
                              0,
                              std::nullopt};
          for (int e = 0; e < alt.bNumEndpoints; ++e) {
            const libusb_endpoint_descriptor& endpoint = alt.endpoint[e];
            if ((endpoint.bmAttributes & LIBUSB_TRANSFER_TYPE_MASK) != LIBUSB_TRANSFER_TYPE_BULK) {
              continue;
            }
            if ((endpoint.bEndpointAddress & LIBUSB_ENDPOINT_IN) != 0) {
              port.in_endpoint = endpoint.bEndpointAddress;
            } else {
              port.out_endpoint = endpoint.bEndpointAddress;
            }
          }
          if (port.out_endpoint != 0) {
            found.push_back(port);
          }
        }
      }
      libusb_free_config_descriptor(config);
    }
    if (list != nullptr) {
      libusb_free_device_list(list, 1);
    }
    return found;
  }

  Result<std::unique_ptr<UsbLink>> open(const UsbPrinterPort& port) override {
    if (!ok_) {
      return Error{ErrorCode::PrinterOffline, "libusb unavailable"};
    }
    libusb_device** list = nullptr;
    const ssize_t count = libusb_get_device_list(context_, &list);
    libusb_device_handle* handle = nullptr;
    int rc = LIBUSB_ERROR_NO_DEVICE;
    for (ssize_t i = 0; i < count; ++i) {
      if (libusb_get_bus_number(list[i]) == port.bus && libusb_get_device_address(list[i]) == port.address) {
        rc = libusb_open(list[i], &handle);
        break;
      }
    }
    if (list != nullptr) {
      libusb_free_device_list(list, 1);
    }
    if (rc != 0) {
      return usb_error(rc, "open");
    }
    libusb_set_auto_detach_kernel_driver(handle, 1);
    rc = libusb_claim_interface(handle, port.interface_number);
    if (rc != 0) {
      libusb_close(handle);
      return usb_error(rc, "claim interface");
    }
    return std::unique_ptr<UsbLink>(std::make_unique<LibusbLink>(handle, port));
  }

 private:
  libusb_context* context_ = nullptr;
  bool ok_ = false;
};

}  // namespace

std::unique_ptr<UsbBus> make_libusb_bus() {
  return std::make_unique<LibusbBus>();
}

}  // namespace kiosk::printer
