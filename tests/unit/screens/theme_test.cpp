#include "screens/theme.hpp"

#include <gtest/gtest.h>

namespace kiosk::ui {
namespace {

TEST(Theme, EveryTextColourReachesFourAndAHalfToOne) {
  const Theme theme;
  for (const auto& pair : theme.text_pairs()) {
    EXPECT_GE(contrast_ratio(pair.foreground, pair.background), 4.5f) << pair.name;
  }
}

TEST(Theme, ContrastRatioMatchesWcag) {
  EXPECT_NEAR(contrast_ratio({0, 0, 0}, {1, 1, 1}), 21.0f, 0.01f);
  EXPECT_NEAR(contrast_ratio({0.5f, 0.5f, 0.5f}, {0.5f, 0.5f, 0.5f}), 1.0f, 0.001f);
}

TEST(Metrics, TargetsAndTextAreBigEnoughAtAnyDensity) {
  for (const float dpi : {72.0f, 96.0f, 160.0f, 320.0f}) {
    for (const bool large : {false, true}) {
      const Metrics metrics{dpi, large};
      const float px_per_mm = dpi / 25.4f;
      EXPECT_GE(metrics.target() / px_per_mm, 15.0f - 1e-3f);
      EXPECT_GE(metrics.body_text() / px_per_mm, 4.8f);
      EXPECT_GT(metrics.title_text(), metrics.body_text());
    }
  }
  EXPECT_GT((Metrics{96, true}.body_text()), (Metrics{96, false}.body_text()));
}

}  // namespace
}  // namespace kiosk::ui
