// Real libsane with its `test` backend, enabled through a private
// SANE_CONFIG_DIR, and the kiosk-scan program end to end.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "drivers/scanner/image_dir_source.hpp"
#include "drivers/scanner/page_geometry.hpp"
#include "drivers/scanner/sane_source.hpp"
#include "synthetic_pages.hpp"
#include "test_pki.hpp"

namespace kiosk::scanner {
namespace {

using pdf::testing::run_command;

class SaneScanTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("kiosk-sane-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_ / "sane");
    write_config("Default");
    ::setenv("SANE_CONFIG_DIR", (dir_ / "sane").c_str(), 1);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  void write_config(const std::string& read_status) {
    std::ofstream(dir_ / "sane" / "dll.conf") << "test\n";
    std::ofstream(dir_ / "sane" / "test.conf") << "number_of_devices 1\nmode Gray\ndepth 8\n"
                                                  "test-picture \"Grid\"\nread-status-code \""
                                               << read_status << "\"\n";
  }

  std::string bin(const std::string& name) const { return std::string(KIOSK_BINARY_DIR) + "/bin/" + name; }

  std::filesystem::path dir_;
};

TEST_F(SaneScanTest, FlatbedDeliversOnePageAtTheAskedResolution) {
  SaneSource source("test:0");
  ScanSettings settings;
  settings.dpi = 100;
  settings.colour = false;
  auto pages = source.acquire(settings);
  ASSERT_TRUE(pages) << pages.error().detail;
  ASSERT_EQ(pages->size(), 1u);
  const auto& page = pages->front();
  EXPECT_EQ(page.dpi, 100);
  EXPECT_EQ(page.image.channels, 1);
  // The test backend's area is at most 200 mm square: 787 dots at 100 dpi.
  EXPECT_NEAR(page.image.width, 787, 2);
  EXPECT_NEAR(page.image.height, 787, 2);
}

TEST_F(SaneScanTest, ColourScanIsRgb) {
  SaneSource source("test:0");
  ScanSettings settings;
  settings.dpi = 50;
  auto pages = source.acquire(settings);
  ASSERT_TRUE(pages) << pages.error().detail;
  EXPECT_EQ(pages->front().image.channels, 3);
}

TEST_F(SaneScanTest, FeederScansUntilEmpty) {
  SaneSource source("test:0");
  ScanSettings settings;
  settings.dpi = 50;
  settings.feed = PaperFeed::Feeder;
  auto pages = source.acquire(settings);
  ASSERT_TRUE(pages) << pages.error().detail;
  EXPECT_EQ(pages->size(), 10u);  // the test backend's feeder holds ten sheets
  settings.max_pages = 3;
  auto limited = source.acquire(settings);
  ASSERT_TRUE(limited);
  EXPECT_EQ(limited->size(), 3u);
}

TEST_F(SaneScanTest, JamIsARetriableScannerJam) {
  write_config("SANE_STATUS_JAMMED");
  SaneSource source("test:0");
  ScanSettings settings;
  settings.dpi = 50;
  auto pages = source.acquire(settings);
  ASSERT_FALSE(pages);
  EXPECT_EQ(pages.error().code, ErrorCode::ScannerJam);
  EXPECT_TRUE(pages.error().retriable());
}

TEST_F(SaneScanTest, MissingDeviceIsUnavailable) {
  SaneSource source("test:7");
  auto pages = source.acquire(ScanSettings{});
  ASSERT_FALSE(pages);
  EXPECT_EQ(pages.error().code, ErrorCode::ScannerUnavailable);
}

TEST_F(SaneScanTest, KioskScanWritesSignedPdfThatPdfsigAndQpdfAccept) {
  const auto pki = pdf::testing::make_test_pki(dir_ / "pki", "Kiosk TTHC-01");
  const auto out = dir_ / "scan.pdf";
  std::string output;
  ASSERT_EQ(run_command(bin("kiosk-scan") + " --source sane:test:0 --grey --dpi 150 --out '" + out.string() +
                            "' --sign-key '" + pki.device_key.string() + "' --sign-cert '" +
                            pki.device_pem.string() + "' --staff 'Lê Thị Hoa'",
                        output),
            0)
      << output;
  ASSERT_EQ(run_command("pdfsig -nocert '" + out.string() + "'", output), 0) << output;
  EXPECT_NE(output.find("Signature Validation: Signature is Valid."), std::string::npos) << output;
  EXPECT_NE(output.find("Total document signed"), std::string::npos) << output;
  ASSERT_EQ(run_command("qpdf --check '" + out.string() + "'", output), 0) << output;
  EXPECT_NE(output.find("No syntax or stream encoding errors"), std::string::npos) << output;
  ASSERT_EQ(run_command("pdfinfo '" + out.string() + "'", output), 0) << output;
  // 200 mm is 566.9 pt.
  EXPECT_NE(output.find("Page size:       566."), std::string::npos) << output;
  ASSERT_EQ(run_command("pdfimages -list '" + out.string() + "'", output), 0) << output;
  EXPECT_NE(output.find("ccitt"), std::string::npos) << output;  // the grid is black-and-white
}

TEST_F(SaneScanTest, KioskScanFeederMakesOnePdfOfAllSheets) {
  const auto out = dir_ / "feeder.pdf";
  std::string output;
  ASSERT_EQ(run_command(bin("kiosk-scan") + " --source sane:test:0 --feed feeder --grey --dpi 50 --out '" +
                            out.string() + "'",
                        output),
            0)
      << output;
  ASSERT_EQ(run_command("pdfinfo '" + out.string() + "'", output), 0) << output;
  EXPECT_NE(output.find("Pages:           10"), std::string::npos) << output;
}

void write_pgm(const std::filesystem::path& path, const pdf::Raster& grey) {
  std::ofstream out(path, std::ios::binary);
  out << "P5\n" << grey.width << " " << grey.height << "\n255\n";
  out.write(reinterpret_cast<const char*>(grey.pixels.data()),
            static_cast<std::streamsize>(grey.pixels.size()));
}

TEST_F(SaneScanTest, DuplexFromPicturesDropsBlankBacksAndStraightensPages) {
  const auto pages = dir_ / "pages";
  std::filesystem::create_directories(pages);
  pdf::Raster front1 = rotate(testing::text_page(850, 1100, 1), -3.0);
  testing::add_border(front1, 20);
  write_pgm(pages / "p1.pgm", front1);
  write_pgm(pages / "p2.pgm", pdf::Raster(850, 1100, 1, 242));  // blank back
  write_pgm(pages / "p3.pgm", testing::text_page(850, 1100, 2));
  write_pgm(pages / "p4.pgm", testing::text_page(850, 1100, 3));  // printed back
  const auto out = dir_ / "duplex.pdf";
  std::string output;
  ASSERT_EQ(run_command(bin("kiosk-scan") + " --source 'dir:" + pages.string() +
                            "' --feed duplex --dpi 100 --out '" + out.string() + "'",
                        output),
            0)
      << output;
  EXPECT_NE(output.find("blank backs skipped 1"), std::string::npos) << output;
  ASSERT_EQ(run_command("pdfinfo '" + out.string() + "'", output), 0) << output;
  EXPECT_NE(output.find("Pages:           3"), std::string::npos) << output;
}

TEST_F(SaneScanTest, UnknownSourceAndEmptyDirectoryAreErrors) {
  std::string output;
  EXPECT_NE(
      run_command(bin("kiosk-scan") + " --source bogus:x --out '" + (dir_ / "x.pdf").string() + "'", output),
      0);
  std::filesystem::create_directories(dir_ / "empty");
  EXPECT_NE(run_command(bin("kiosk-scan") + " --source 'dir:" + (dir_ / "empty").string() + "' --out '" +
                            (dir_ / "x.pdf").string() + "'",
                        output),
            0);
  EXPECT_NE(output.find("no pictures"), std::string::npos) << output;
  EXPECT_FALSE(std::filesystem::exists(dir_ / "x.pdf"));
}

}  // namespace
}  // namespace kiosk::scanner
