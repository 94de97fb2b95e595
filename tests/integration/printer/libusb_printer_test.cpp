// Real libusb on this machine: whatever USB devices it has, a receipt either
// prints on a real printer-class device or fails as PrinterOffline, never
// hangs or crashes, so the session can offer the on-screen QR.
#include <gtest/gtest.h>

#include "drivers/printer/escpos_printer.hpp"
#include "drivers/printer/usb_bus.hpp"

namespace kiosk::printer {
namespace {

TEST(LibusbPrinter, FindsOnlyPrinterClassInterfacesWithAnOutEndpoint) {
  auto bus = make_libusb_bus();
  for (const auto& port : bus->printers()) {
    EXPECT_NE(port.out_endpoint, 0);
    EXPECT_EQ(port.out_endpoint & 0x80, 0);  // OUT endpoints have the direction bit clear
  }
}

TEST(LibusbPrinter, ConfiguredPrinterThatIsNotThereIsOffline) {
  // 0xFFFF:0xFFFF is a vendor and product no device carries.
  EscPosPrinter printer(std::shared_ptr<UsbBus>(make_libusb_bus()),
                        EscPosConfig{PaperWidth::Mm80, std::uint16_t{0xffff}, std::uint16_t{0xffff}, 4});
  Bitmap bitmap(576, 8);
  auto status = printer.print_bitmap(bitmap);
  ASSERT_FALSE(status);
  EXPECT_EQ(status.error().code, ErrorCode::PrinterOffline);
  EXPECT_TRUE(status.error().retriable());
}

}  // namespace
}  // namespace kiosk::printer
