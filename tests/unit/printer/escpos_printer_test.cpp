#include <gtest/gtest.h>

#include "drivers/printer/escpos.hpp"
#include "drivers/printer/escpos_printer.hpp"
#include "fake_usb_bus.hpp"

namespace kiosk::printer {
namespace {

using Bytes = std::vector<std::uint8_t>;

Bitmap tiny_bitmap(int height) {
  Bitmap bitmap(16, height);
  for (int y = 0; y < height; ++y) {
    bitmap.set(y % 16, y);  // a diagonal
  }
  return bitmap;
}

Bytes concat(std::initializer_list<Bytes> parts) {
  Bytes out;
  for (const auto& part : parts) {
    out.insert(out.end(), part.begin(), part.end());
  }
  return out;
}

TEST(EscPos, CommandsHaveTheirExactBytes) {
  EXPECT_EQ(escpos::initialise(), (Bytes{0x1b, 0x40}));
  EXPECT_EQ(escpos::feed_and_cut(4), (Bytes{0x1b, 0x64, 0x04, 0x1d, 0x56, 0x42, 0x00}));
  EXPECT_EQ(escpos::status_request(escpos::StatusKind::PaperSensor), (Bytes{0x10, 0x04, 0x04}));
  const Bitmap bitmap = tiny_bitmap(3);
  EXPECT_EQ(escpos::raster_band(bitmap, 0, 3),
            (Bytes{0x1d, 0x76, 0x30, 0x00, 0x02, 0x00, 0x03, 0x00, 0x80, 0x00, 0x40, 0x00, 0x20, 0x00}));
  EXPECT_EQ(escpos::raster_band(bitmap, 2, 5),
            (Bytes{0x1d, 0x76, 0x30, 0x00, 0x02, 0x00, 0x01, 0x00, 0x20, 0x00}));
}

TEST(EscPos, StatusBitsAreDecoded) {
  EXPECT_TRUE(escpos::valid_status(0x12));
  EXPECT_FALSE(escpos::valid_status(0x00));
  EXPECT_FALSE(escpos::valid_status(0x92));
  EXPECT_TRUE(escpos::offline(0x1a));
  EXPECT_FALSE(escpos::offline(0x12));
  EXPECT_TRUE(escpos::cover_open(0x16));
  EXPECT_TRUE(escpos::paper_out(0x72));
  EXPECT_FALSE(escpos::paper_out(0x1e));
  EXPECT_TRUE(escpos::paper_near_end(0x1e));
}

class EscPosPrinterTest : public ::testing::Test {
 protected:
  std::shared_ptr<testing::FakePrinterState> state_ = std::make_shared<testing::FakePrinterState>();
  EscPosPrinter printer_{std::make_shared<testing::FakeUsbBus>(state_), EscPosConfig{}};
};

TEST_F(EscPosPrinterTest, StreamIsStatusChecksInitBandsAndCut) {
  const Bitmap bitmap = tiny_bitmap(200);  // two bands: 128 + 72 rows
  ASSERT_TRUE(printer_.print_bitmap(bitmap));
  const Bytes paper_query{0x10, 0x04, 0x04};
  const Bytes expected = concat({{0x10, 0x04, 0x01},
                                 paper_query,
                                 escpos::initialise(),
                                 escpos::raster_band(bitmap, 0, 128),
                                 paper_query,
                                 escpos::raster_band(bitmap, 128, 128),
                                 paper_query,
                                 escpos::feed_and_cut(4)});
  EXPECT_EQ(state_->received, expected);
  EXPECT_EQ(state_->opened, 1);
}

TEST_F(EscPosPrinterTest, PaperOutBeforePrintingSendsNoRaster) {
  state_->paper_runs_out_after = 0;
  auto status = printer_.print_bitmap(tiny_bitmap(10));
  ASSERT_FALSE(status);
  EXPECT_EQ(status.error().code, ErrorCode::PrinterPaperOut);
  EXPECT_TRUE(status.error().retriable());
  EXPECT_EQ(state_->received.size(), 6u);  // the two status requests only
}

TEST_F(EscPosPrinterTest, PaperOutMidReceiptStopsAndSaysSo) {
  state_->paper_runs_out_after = 500;  // during the first band
  auto status = printer_.print_bitmap(tiny_bitmap(400));
  ASSERT_FALSE(status);
  EXPECT_EQ(status.error().code, ErrorCode::PrinterPaperOut);
  EXPECT_NE(status.error().detail.find("mid-receipt"), std::string::npos);
  const Bytes cut = escpos::feed_and_cut(4);
  EXPECT_FALSE(std::search(state_->received.begin(), state_->received.end(), cut.begin(), cut.end()) !=
               state_->received.end());
}

TEST_F(EscPosPrinterTest, CoverOpenAndOfflineAreTold) {
  state_->cover_open = true;
  auto status = printer_.print_bitmap(tiny_bitmap(10));
  ASSERT_FALSE(status);
  EXPECT_EQ(status.error().code, ErrorCode::PrinterCoverOpen);
  state_->cover_open = false;
  state_->offline = true;
  status = printer_.print_bitmap(tiny_bitmap(10));
  ASSERT_FALSE(status);
  EXPECT_EQ(status.error().code, ErrorCode::PrinterOffline);
}

TEST_F(EscPosPrinterTest, UnpluggedMidReceiptIsOffline) {
  state_->unplugged_after = 300;
  auto status = printer_.print_bitmap(tiny_bitmap(400));
  ASSERT_FALSE(status);
  EXPECT_EQ(status.error().code, ErrorCode::PrinterOffline);
  status = printer_.print_bitmap(tiny_bitmap(10));  // and stays so until plugged back
  ASSERT_FALSE(status);
  EXPECT_EQ(status.error().code, ErrorCode::PrinterOffline);
}

TEST_F(EscPosPrinterTest, PrinterWithoutStatusStillPrints) {
  state_->answers_status = false;
  const Bitmap bitmap = tiny_bitmap(20);
  ASSERT_TRUE(printer_.print_bitmap(bitmap));
  const Bytes tail =
      concat({escpos::raster_band(bitmap, 0, 128), Bytes{0x10, 0x04, 0x04}, escpos::feed_and_cut(4)});
  ASSERT_GE(state_->received.size(), tail.size());
  EXPECT_TRUE(std::equal(tail.begin(), tail.end(),
                         state_->received.end() - static_cast<std::ptrdiff_t>(tail.size())));
}

TEST_F(EscPosPrinterTest, ConfiguredVidPidMustMatch) {
  EscPosPrinter other(std::make_shared<testing::FakeUsbBus>(state_),
                      EscPosConfig{PaperWidth::Mm58, std::uint16_t{0x04b8}, std::uint16_t{0x0202}, 4});
  auto status = other.print_bitmap(tiny_bitmap(10));
  ASSERT_FALSE(status);
  EXPECT_EQ(status.error().code, ErrorCode::PrinterOffline);
  EXPECT_EQ(state_->opened, 0);
  EscPosPrinter same(std::make_shared<testing::FakeUsbBus>(state_),
                     EscPosConfig{PaperWidth::Mm58, std::uint16_t{0x0416}, std::uint16_t{0x5011}, 4});
  EXPECT_TRUE(same.print_bitmap(tiny_bitmap(10)));
}

TEST_F(EscPosPrinterTest, NoPrinterIsOffline) {
  state_->present = false;
  auto status = printer_.print_bitmap(tiny_bitmap(10));
  ASSERT_FALSE(status);
  EXPECT_EQ(status.error().code, ErrorCode::PrinterOffline);
}

}  // namespace
}  // namespace kiosk::printer
