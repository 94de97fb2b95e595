#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>

#include "drivers/scanner/page_cleanup.hpp"
#include "drivers/scanner/page_geometry.hpp"
#include "drivers/scanner/scan_job.hpp"
#include "synthetic_pages.hpp"

namespace kiosk::scanner {
namespace {

using testing::add_border;
using testing::text_page;

class SkewTest : public ::testing::TestWithParam<double> {};

TEST_P(SkewTest, EstimatesAndCorrectsKnownSkew) {
  const double skew = GetParam();
  const pdf::Raster straight = text_page(850, 1100, 11);
  const pdf::Raster skewed = rotate(straight, -skew);  // what a crooked sheet looks like
  const double found = estimate_skew(skewed, 6);
  EXPECT_NEAR(found, skew, 0.15);
  const double after = estimate_skew(rotate(skewed, found), 6);
  EXPECT_NEAR(after, 0, 0.15);
}

INSTANTIATE_TEST_SUITE_P(KnownAngles, SkewTest, ::testing::Values(-4.0, -1.5, 0.0, 0.7, 2.5, 5.0));

TEST(PageCleanup, RemovesDarkBordersAndKeepsThePage) {
  pdf::Raster page = text_page(600, 800, 3);
  add_border(page, 25);
  const pdf::Raster cropped = remove_borders(page);
  EXPECT_NEAR(cropped.width, 550, 2);
  EXPECT_NEAR(cropped.height, 750, 2);
  const pdf::Raster untouched = remove_borders(text_page(600, 800, 3));
  EXPECT_EQ(untouched.width, 600);
  EXPECT_EQ(untouched.height, 800);
}

TEST(PageCleanup, BlankPagesWithScannerNoiseAreBlank) {
  pdf::Raster blank(850, 1100, 1, 240);
  std::mt19937 rng(5);
  for (auto& v : blank.pixels) {
    v = static_cast<std::uint8_t>(235 + rng() % 15);  // sensor noise
  }
  for (int n = 0; n < 40; ++n) {  // dust specks
    const int x = static_cast<int>(rng() % 840);
    const int y = static_cast<int>(rng() % 1090);
    blank.row(y)[x] = 0;
    blank.row(y + 1)[x + 1] = 0;
  }
  add_border(blank, 4, 250);
  EXPECT_TRUE(is_blank(blank, CleanupOptions{}.blank_ink_ratio));
  EXPECT_FALSE(is_blank(text_page(850, 1100, 8), CleanupOptions{}.blank_ink_ratio));
}

TEST(PageCleanup, OneHandwrittenLineIsNotBlank) {
  pdf::Raster page(850, 1100, 1, 240);
  for (int y = 500; y < 506; ++y) {
    for (int x = 200; x < 600; ++x) {
      page.row(y)[x] = 40;
    }
  }
  EXPECT_FALSE(is_blank(page, CleanupOptions{}.blank_ink_ratio));
}

TEST(PageCleanup, DarkPageIsNotBlank) {
  EXPECT_FALSE(is_blank(pdf::Raster(400, 500, 1, 5), CleanupOptions{}.blank_ink_ratio));
}

TEST(PageCleanup, ChoosesColourGreyOrBlackAndWhite) {
  EXPECT_EQ(choose_mode(text_page(850, 1100, 2, 3)), pdf::ColourMode::BlackWhite);

  pdf::Raster stamped = text_page(850, 1100, 2, 3);
  for (int y = 800; y < 950; ++y) {
    for (int x = 550; x < 750; ++x) {
      stamped.row(y)[x * 3] = 210;  // a red seal
      stamped.row(y)[x * 3 + 1] = 30;
      stamped.row(y)[x * 3 + 2] = 40;
    }
  }
  EXPECT_EQ(choose_mode(stamped), pdf::ColourMode::Colour);

  pdf::Raster photo(850, 1100, 1);
  for (int y = 0; y < photo.height; ++y) {
    for (int x = 0; x < photo.width; ++x) {
      photo.row(y)[x] = static_cast<std::uint8_t>((x * 255) / photo.width);
    }
  }
  EXPECT_EQ(choose_mode(photo), pdf::ColourMode::Grey);
}

TEST(PageCleanup, CleanPageStraightensAndBinarisesATypedLetter) {
  pdf::Raster scan = rotate(text_page(850, 1100, 21), -2.0);
  add_border(scan, 12);
  const CleanedPage page = clean_page(scan);
  EXPECT_NEAR(page.skew_degrees, 2.0, 0.2);
  EXPECT_FALSE(page.blank);
  EXPECT_EQ(page.mode, pdf::ColourMode::BlackWhite);
  for (std::uint8_t v : page.image.pixels) {
    ASSERT_TRUE(v == 0 || v == 255);
  }
}

TEST(ScanJob, BlankBacksAreDroppedOnlyInDuplex) {
  const std::vector<RawPage> raw{{text_page(425, 550, 1), 50, false},
                                 {pdf::Raster(425, 550, 1, 240), 50, true},
                                 {pdf::Raster(425, 550, 1, 240), 50, false}};
  const CleanedPages cleaned = clean_pages(raw, {});
  EXPECT_EQ(cleaned.blank_backs_skipped, 1);
  ASSERT_EQ(cleaned.pages.size(), 2u);  // a blank front stays for the citizen to judge
  EXPECT_EQ(cleaned.pages[0].dpi, 50);
}

TEST(ScanJob, PreviewKeepsAspectAndShowsInk) {
  const pdf::ScannedPage page{text_page(850, 1100, 4), 100, pdf::ColourMode::BlackWhite};
  const pdf::Raster preview = page_preview(page, 220);
  EXPECT_EQ(preview.height, 220);
  EXPECT_EQ(preview.width, 170);
  EXPECT_EQ(preview.channels, 3);
  const auto darkest = *std::min_element(preview.pixels.begin(), preview.pixels.end());
  EXPECT_LT(darkest, 100);
}

TEST(PageGeometry, FindsAndFlattensASheetUnderTheCamera) {
  // A white sheet seen at an angle on a dark desk.
  pdf::Raster photo(640, 480, 3, 30);
  const Quad truth{{{150, 60}, {470, 80}, {500, 420}, {120, 400}}};
  auto inside = [&](double x, double y) {
    for (int i = 0; i < 4; ++i) {
      const Point& a = truth[static_cast<std::size_t>(i)];
      const Point& b = truth[static_cast<std::size_t>((i + 1) % 4)];
      if ((b.x - a.x) * (y - a.y) - (b.y - a.y) * (x - a.x) < 0) {
        return false;
      }
    }
    return true;
  };
  for (int y = 0; y < photo.height; ++y) {
    for (int x = 0; x < photo.width; ++x) {
      if (inside(x + 0.5, y + 0.5)) {
        for (int c = 0; c < 3; ++c) {
          photo.row(y)[x * 3 + c] = 240;
        }
      }
    }
  }
  const auto found = find_sheet(photo);
  ASSERT_TRUE(found.has_value());
  for (std::size_t i = 0; i < 4; ++i) {
    EXPECT_NEAR((*found)[i].x, truth[i].x, 6) << i;
    EXPECT_NEAR((*found)[i].y, truth[i].y, 6) << i;
  }
  const pdf::Raster flat = warp_quad(photo, *found, 300, 400);
  // Flattened, the sheet fills the output: no desk left at the corners.
  EXPECT_GT(flat.row(5)[5 * 3], 200);
  EXPECT_GT(flat.row(394)[294 * 3], 200);
  EXPECT_FALSE(find_sheet(pdf::Raster(200, 200, 3, 30)).has_value());
}

}  // namespace
}  // namespace kiosk::scanner
