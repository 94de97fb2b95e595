#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <random>

#include "drivers/pdf/ccitt_g4.hpp"
#include "drivers/pdf/image_pdf.hpp"
#include "drivers/pdf/pades_signer.hpp"
#include "drivers/pdf/signature_verifier.hpp"
#include "test_pki.hpp"

namespace kiosk::pdf {
namespace {

using testing::run_command;
using testing::write_file;

const auto kCreated = std::chrono::sys_days{std::chrono::year{2024} / 5 / 20} + std::chrono::hours{2};

class ImagePdfTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("kiosk-imagepdf-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  // Renders page 1 at `dpi` into a grey raster with pdftoppm.
  Raster render(const std::vector<std::uint8_t>& pdf, int dpi) {
    write_file(dir_ / "doc.pdf", pdf);
    std::string output;
    EXPECT_EQ(run_command("pdftoppm -r " + std::to_string(dpi) + " -gray -aa no -aaVector no -singlefile '" +
                              (dir_ / "doc.pdf").string() + "' '" + (dir_ / "page").string() + "'",
                          output),
              0)
        << output;
    std::ifstream in(dir_ / "page.pgm", std::ios::binary);
    std::string magic;
    int width = 0;
    int height = 0;
    int maxval = 0;
    in >> magic >> width >> height >> maxval;
    in.get();
    Raster raster(width, height, 1);
    in.read(reinterpret_cast<char*>(raster.pixels.data()),
            static_cast<std::streamsize>(raster.pixels.size()));
    return raster;
  }

  std::string tool(const std::string& command, const std::vector<std::uint8_t>& pdf) {
    write_file(dir_ / "tool.pdf", pdf);
    std::string output;
    EXPECT_EQ(run_command(command + " '" + (dir_ / "tool.pdf").string() + "'", output), 0) << output;
    return output;
  }

  std::filesystem::path dir_;
};

Raster bilevel_pattern(int width, int height, unsigned seed) {
  Raster image(width, height, 1, 255);
  std::mt19937 rng(seed);
  // Text-like blobs, long runs over 2560 pixels, single pixels and stripes:
  // every coding mode (pass, vertical, horizontal with make-up codes) shows up.
  for (int n = 0; n < 300; ++n) {
    const int x0 = static_cast<int>(rng() % static_cast<unsigned>(width));
    const int y0 = static_cast<int>(rng() % static_cast<unsigned>(height));
    const int w = 1 + static_cast<int>(rng() % 40);
    const int h = 1 + static_cast<int>(rng() % 12);
    for (int y = y0; y < std::min(height, y0 + h); ++y) {
      for (int x = x0; x < std::min(width, x0 + w); ++x) {
        image.row(y)[x] = 0;
      }
    }
  }
  for (int x = 0; x < width; ++x) {
    image.row(height / 2)[x] = 0;
    image.row(height / 3)[x] = (x % 3 == 0) ? 0 : 255;
  }
  for (int y = 0; y < height; ++y) {
    image.row(y)[0] = 0;
    image.row(y)[width - 1] = (y % 2 == 0) ? 0 : 255;
  }
  return image;
}

TEST_F(ImagePdfTest, CcittG4RoundTripsThroughPoppler) {
  for (const auto& [width, height] : {std::pair{173, 91}, std::pair{1001, 333}, std::pair{2900, 40}}) {
    ScannedPage page{bilevel_pattern(width, height, static_cast<unsigned>(width)), 72,
                     ColourMode::BlackWhite};
    auto pdf = build_image_pdf({page}, {"g4", "test", kCreated});
    ASSERT_TRUE(pdf) << pdf.error().detail;
    // Rendered 4x larger and sampled at each pixel's centre: at 1:1 poppler's
    // resampling may shift rows at the image edges.
    const Raster rendered = render(*pdf, 72 * 4);
    ASSERT_EQ(rendered.width, width * 4);
    ASSERT_EQ(rendered.height, height * 4);
    int mismatches = 0;
    for (int y = 0; y < height; ++y) {
      for (int x = 0; x < width; ++x) {
        mismatches += (rendered.row(y * 4 + 2)[x * 4 + 2] < 128) != (page.image.row(y)[x] < 128) ? 1 : 0;
      }
    }
    EXPECT_EQ(mismatches, 0) << width << "x" << height;
  }
}

TEST_F(ImagePdfTest, CcittG4OfBlankPageIsTiny) {
  const Raster white(2480, 3508, 1, 255);
  const auto g4 = encode_ccitt_g4(white.pixels.data(), white.width, white.height, white.width);
  EXPECT_LT(g4.size(), 600u);  // one vertical-mode bit per row plus the end of block
}

TEST_F(ImagePdfTest, PageSizeFollowsScanResolution) {
  ScannedPage a4{Raster(2480, 3508, 3, 200), 300, ColourMode::Colour};
  auto pdf = build_image_pdf({a4}, {"A4", "test", kCreated});
  ASSERT_TRUE(pdf);
  const std::string info = tool("pdfinfo", *pdf);
  EXPECT_NE(info.find("595.2 x 841.92 pts (A4)"), std::string::npos) << info;
}

// Photos: noise everywhere, where JPEG beats lossless coding.
Raster photo_like(int width, int height, int channels, unsigned seed) {
  Raster image(width, height, channels);
  std::mt19937 rng(seed);
  for (int y = 0; y < height; ++y) {
    for (int x = 0; x < width * channels; ++x) {
      image.row(y)[x] = static_cast<std::uint8_t>((x / channels + y) / 8 + static_cast<int>(rng() % 48));
    }
  }
  return image;
}

TEST_F(ImagePdfTest, MixedPagesUseJpegAndG4AndCarryMetadata) {
  Raster colour = photo_like(600, 800, 3, 1);
  for (int y = 100; y < 300; ++y) {
    for (int x = 100; x < 500; ++x) {
      colour.row(y)[x * 3] = 200;
      colour.row(y)[x * 3 + 1] = 30;
      colour.row(y)[x * 3 + 2] = 30;
    }
  }
  const std::vector<ScannedPage> pages{{colour, 150, ColourMode::Colour},
                                       {photo_like(600, 800, 1, 2), 150, ColourMode::Grey},
                                       {bilevel_pattern(600, 800, 7), 150, ColourMode::BlackWhite}};
  auto pdf = build_image_pdf(pages, {"Giấy khai sinh – bản sao", "Kiosk TTHC-01", kCreated});
  ASSERT_TRUE(pdf) << pdf.error().detail;
  const std::string check = tool("qpdf --check", *pdf);
  EXPECT_NE(check.find("No syntax or stream encoding errors"), std::string::npos) << check;
  const std::string info = tool("pdfinfo", *pdf);
  EXPECT_NE(info.find("Giấy khai sinh – bản sao"), std::string::npos) << info;
  EXPECT_NE(info.find("Kiosk TTHC-01"), std::string::npos) << info;
  EXPECT_NE(info.find("Pages:           3"), std::string::npos) << info;
  const std::string images = tool("pdfimages -list", *pdf);
  EXPECT_NE(images.find("rgb     3   8  jpeg"), std::string::npos) << images;
  EXPECT_NE(images.find("gray    1   8  jpeg"), std::string::npos) << images;
  EXPECT_NE(images.find("gray    1   1  ccitt"), std::string::npos) << images;
  const Raster rendered = render(*pdf, 150);
  // The red block renders darker than the photo around it in grey.
  EXPECT_LT(rendered.row(200)[300], 150);
}

TEST_F(ImagePdfTest, FlatColourPageIsStoredLosslesslyWhenThatIsSmaller) {
  Raster form(600, 800, 3, 255);
  for (int y = 100; y < 300; ++y) {
    for (int x = 100; x < 500; ++x) {
      form.row(y)[x * 3 + 2] = 40;  // a yellow box on a white form
    }
  }
  auto pdf = build_image_pdf({{form, 150, ColourMode::Colour}}, {"form", "test", kCreated});
  ASSERT_TRUE(pdf);
  const std::string images = tool("pdfimages -list", *pdf);
  EXPECT_NE(images.find("rgb     3   8  image"), std::string::npos) << images;
  const Raster rendered = render(*pdf, 150);
  EXPECT_GT(rendered.row(50)[50], 250);
}

TEST_F(ImagePdfTest, BuiltPdfCanBeSigned) {
  const auto pki = testing::make_test_pki(dir_ / "pki", "Kiosk TTHC-01");
  auto signer = SignerIdentity::load(pki.device_key.string(), pki.device_pem.string());
  ASSERT_TRUE(signer);
  auto pdf = build_image_pdf({{bilevel_pattern(1240, 1754, 3), 150, ColourMode::BlackWhite}},
                             {"Sổ hộ khẩu", "Kiosk TTHC-01", kCreated});
  ASSERT_TRUE(pdf);
  auto signed_pdf = sign_pdf(*pdf, *signer, digitized_by_appearance("Kiosk TTHC-01", "", kCreated), kCreated);
  ASSERT_TRUE(signed_pdf) << signed_pdf.error().detail;
  auto trust = TrustStore::from_pem_file(pki.ca_pem.string());
  ASSERT_TRUE(trust);
  auto check = verify_pdf_signature(*signed_pdf, *trust);
  ASSERT_TRUE(check);
  EXPECT_TRUE(check->valid);
  EXPECT_TRUE(check->covers_whole_document);
}

TEST_F(ImagePdfTest, RejectsImpossibleRasters) {
  EXPECT_FALSE(build_image_pdf({}, {"t", "p", kCreated}));
  ScannedPage broken{Raster(10, 10, 3), 300, ColourMode::Colour};
  broken.image.pixels.resize(5);
  auto result = build_image_pdf({broken}, {"t", "p", kCreated});
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, PdfErrorCode::InvalidImage);
  ScannedPage no_dpi{Raster(10, 10, 1), 0, ColourMode::Grey};
  EXPECT_FALSE(build_image_pdf({no_dpi}, {"t", "p", kCreated}));
}

}  // namespace
}  // namespace kiosk::pdf
