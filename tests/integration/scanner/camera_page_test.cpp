// The document camera path through drivers/camera's picture replay: a photo
// of a sheet lying at an angle on a dark desk becomes a flat page.
#include <gtest/gtest.h>

#include <filesystem>

#include "drivers/camera/image_file.hpp"
#include "drivers/scanner/camera_source.hpp"
#include "drivers/scanner/page_geometry.hpp"
#include "synthetic_pages.hpp"
#include "test_pki.hpp"

namespace kiosk::scanner {
namespace {

TEST(CameraPageSource, FlattensTheSheetInAPhoto) {
  const auto dir =
      std::filesystem::temp_directory_path() / ("kiosk-camera-page-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  pdf::Raster photo(1280, 960, 3, 35);
  const Point corners[4] = {{300, 120}, {940, 160}, {1000, 840}, {240, 800}};
  auto inside = [&](double x, double y) {
    for (int i = 0; i < 4; ++i) {
      const Point& a = corners[i];
      const Point& b = corners[(i + 1) % 4];
      if ((b.x - a.x) * (y - a.y) - (b.y - a.y) * (x - a.x) < 0) {
        return false;
      }
    }
    return true;
  };
  for (int y = 0; y < photo.height; ++y) {
    for (int x = 0; x < photo.width; ++x) {
      if (inside(x + 0.5, y + 0.5)) {
        // Paper with a dark text band across its middle.
        const std::uint8_t v = (y > 450 && y < 470 && x > 400 && x < 850) ? 30 : 235;
        for (int c = 0; c < 3; ++c) {
          photo.row(y)[x * 3 + c] = v;
        }
      }
    }
  }
  ASSERT_TRUE(camera::write_png(dir / "frame.png", photo.width, photo.height, 3, photo.pixels));

  CameraPageSource source("dir:" + dir.string());
  auto pages = source.acquire(ScanSettings{});
  ASSERT_TRUE(pages) << pages.error().detail;
  ASSERT_EQ(pages->size(), 1u);
  const auto& page = pages->front();
  EXPECT_NEAR(page.image.width, 761, 12);  // the longer of the top and bottom edges
  EXPECT_NEAR(page.image.height, 683, 12);
  EXPECT_NEAR(page.dpi, 761 / (297.0 / 25.4), 2);  // taken as A4: the long side is 297 mm
  // No desk left in the corners of the flattened page.
  for (const auto& [x, y] : {std::pair{3, 3}, std::pair{page.image.width - 4, page.image.height - 4}}) {
    EXPECT_GT(page.image.row(y)[x * 3], 200) << x << "," << y;
  }
  std::filesystem::remove_all(dir);
}

TEST(CameraPageSource, NoSheetIsAClearError) {
  const auto dir =
      std::filesystem::temp_directory_path() / ("kiosk-camera-empty-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  pdf::Raster desk(320, 240, 3, 35);
  ASSERT_TRUE(camera::write_png(dir / "frame.png", desk.width, desk.height, 3, desk.pixels));
  CameraPageSource source("dir:" + dir.string());
  auto pages = source.acquire(ScanSettings{});
  ASSERT_FALSE(pages);
  EXPECT_EQ(pages.error().code, ErrorCode::InvalidInput);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace kiosk::scanner
