#include <gtest/gtest.h>

#include <filesystem>

#include "drivers/printer/escpos_printer.hpp"
#include "drivers/printer/file_printer.hpp"
#include "drivers/printer/receipt_raster.hpp"
#include "fake_usb_bus.hpp"
#include "test_pki.hpp"

namespace kiosk::printer {
namespace {

using pdf::testing::run_command;

Receipt sample_receipt() {
  SubmissionReceipt submission;
  submission.dossier_code = "H34.29.2-230520-0001";
  submission.procedure_name = "Đăng ký khai sinh";
  submission.received = CivilDate::from_ymd(2023, 5, 20);
  submission.appointment = CivilDate::from_ymd(2023, 5, 22);
  submission.components = {{"Giấy chứng sinh", false}, {"Giấy xác nhận tình trạng hôn nhân", true}};
  return Receipt::from_submission(submission, "Trung tâm Phục vụ hành chính công tỉnh Thái Bình",
                                  "Tra cứu tại dichvucong.thaibinh.gov.vn hoặc quét mã QR",
                                  "https://dichvucong.thaibinh.gov.vn/tra-cuu?ma=H34.29.2-230520-0001");
}

class ReceiptTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("kiosk-receipt-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::filesystem::path dir_;
};

int black_dots(const Bitmap& bitmap) {
  int count = 0;
  for (int y = 0; y < bitmap.height; ++y) {
    for (int x = 0; x < bitmap.width; ++x) {
      count += bitmap.black(x, y) ? 1 : 0;
    }
  }
  return count;
}

TEST_F(ReceiptTest, RendersToThePaperWidth) {
  for (PaperWidth paper : {PaperWidth::Mm58, PaperWidth::Mm80}) {
    auto bitmap = render_receipt(sample_receipt(), paper);
    ASSERT_TRUE(bitmap) << bitmap.error().detail;
    EXPECT_EQ(bitmap->width, static_cast<int>(paper));
    EXPECT_GT(bitmap->height, 400);
    EXPECT_GT(black_dots(*bitmap), 5000);
  }
}

TEST_F(ReceiptTest, PngCarriesAQrCodeThatDecodesToThePayload) {
  FileReceiptPrinter printer(dir_, PaperWidth::Mm80);
  ASSERT_TRUE(printer.print(sample_receipt()));
  ASSERT_TRUE(std::filesystem::exists(printer.last_png()));
  std::string output;
  ASSERT_EQ(run_command("zbarimg --quiet --raw '" + printer.last_png().string() + "'", output), 0) << output;
  // zbarimg may complain on stderr about a missing D-Bus; the decoded text is
  // its last line.
  const std::string payload = "https://dichvucong.thaibinh.gov.vn/tra-cuu?ma=H34.29.2-230520-0001\n";
  ASSERT_GE(output.size(), payload.size());
  EXPECT_EQ(output.substr(output.size() - payload.size()), payload) << output;
}

TEST_F(ReceiptTest, PdfIsOneStripPageAsWideAsThePrintout) {
  FileReceiptPrinter printer(dir_, PaperWidth::Mm58);
  ASSERT_TRUE(printer.print(sample_receipt()));
  std::string output;
  ASSERT_EQ(run_command("pdfinfo '" + printer.last_pdf().string() + "'", output), 0) << output;
  EXPECT_NE(output.find("Pages:           1"), std::string::npos) << output;
  EXPECT_NE(output.find("Page size:       136.19"), std::string::npos) << output;  // 384 dots at 203 dpi
  EXPECT_NE(output.find("Phiếu tiếp nhận hồ sơ"), std::string::npos) << output;
  ASSERT_EQ(run_command("qpdf --check '" + printer.last_pdf().string() + "'", output), 0) << output;
}

TEST_F(ReceiptTest, PendingReceiptShowsLocalReferenceWithoutCode) {
  Receipt pending = sample_receipt();
  pending.pending = true;
  pending.dossier_code.clear();
  pending.local_reference = "KIOSK01-0042";
  pending.qr_payload.clear();
  auto with_code = render_receipt(sample_receipt(), PaperWidth::Mm80);
  auto waiting = render_receipt(pending, PaperWidth::Mm80);
  ASSERT_TRUE(with_code);
  ASSERT_TRUE(waiting);
  EXPECT_NE(waiting->bits, with_code->bits);
  EXPECT_LT(waiting->height, with_code->height);  // no QR to look up yet
  FileReceiptPrinter printer(dir_, PaperWidth::Mm80);
  ASSERT_TRUE(printer.print(pending));
  std::string output;
  EXPECT_NE(run_command("zbarimg --quiet --raw '" + printer.last_png().string() + "'", output), 0);
}

TEST_F(ReceiptTest, SameRasterGoesToTheThermalPrinter) {
  auto state = std::make_shared<testing::FakePrinterState>();
  EscPosPrinter printer(std::make_shared<testing::FakeUsbBus>(state), EscPosConfig{});
  ASSERT_TRUE(printer.print(sample_receipt()));
  auto bitmap = render_receipt(sample_receipt(), PaperWidth::Mm80);
  ASSERT_TRUE(bitmap);
  // Every band's dots are in the stream, in order.
  std::vector<std::uint8_t> raster;
  const auto& bytes = state->received;
  for (std::size_t i = 0; i + 8 <= bytes.size();) {
    if (bytes[i] == 0x1d && bytes[i + 1] == 0x76 && bytes[i + 2] == 0x30) {
      const std::size_t row_bytes = bytes[i + 4] | (bytes[i + 5] << 8);
      const std::size_t rows = bytes[i + 6] | (bytes[i + 7] << 8);
      EXPECT_EQ(row_bytes, 72u);
      raster.insert(raster.end(), bytes.begin() + static_cast<std::ptrdiff_t>(i + 8),
                    bytes.begin() + static_cast<std::ptrdiff_t>(i + 8 + row_bytes * rows));
      i += 8 + row_bytes * rows;
    } else {
      ++i;
    }
  }
  EXPECT_EQ(raster, bitmap->bits);
}

}  // namespace
}  // namespace kiosk::printer
