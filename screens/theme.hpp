#pragma once

#include <array>
#include <string_view>
#include <utility>
#include <vector>

namespace kiosk::ui {

struct Rgb {
  float r = 0;
  float g = 0;
  float b = 0;
};

// WCAG 2 contrast ratio between two colours (1..21).
float contrast_ratio(Rgb a, Rgb b);

// The kiosk's colours. Every text colour is used on the backgrounds listed in
// text_pairs(), and each pair must reach 4.5:1.
struct Theme {
  Rgb background{0.97f, 0.97f, 0.95f};
  Rgb text{0.07f, 0.09f, 0.13f};
  Rgb muted_text{0.25f, 0.28f, 0.33f};
  Rgb panel{1.0f, 1.0f, 1.0f};
  Rgb primary{0.0f, 0.30f, 0.60f};
  Rgb primary_pressed{0.0f, 0.20f, 0.42f};
  Rgb on_primary{1.0f, 1.0f, 1.0f};
  Rgb secondary{0.86f, 0.89f, 0.93f};
  Rgb secondary_pressed{0.74f, 0.78f, 0.84f};
  Rgb danger{0.66f, 0.09f, 0.09f};
  Rgb on_danger{1.0f, 1.0f, 1.0f};
  Rgb staff_bar{0.55f, 0.27f, 0.0f};
  Rgb on_staff_bar{1.0f, 1.0f, 1.0f};
  Rgb success{0.05f, 0.40f, 0.17f};
  Rgb overlay{0.10f, 0.12f, 0.16f};
  Rgb on_overlay{1.0f, 1.0f, 1.0f};

  struct Pair {
    std::string_view name;
    Rgb foreground;
    Rgb background;
  };
  [[nodiscard]] std::vector<Pair> text_pairs() const;
};

// Physical sizes turned into pixels at the configured screen density.
struct Metrics {
  float dpi = 96.0f;
  bool large_text = false;

  [[nodiscard]] float px(float millimetres) const { return millimetres * dpi / 25.4f; }
  // Touch targets: at least 15 mm in both directions.
  [[nodiscard]] float target() const { return px(large_text ? 18.0f : 15.0f); }
  // Body text em height: at least 4.8 mm, bigger in large-text mode.
  [[nodiscard]] float body_text() const { return px(large_text ? 7.0f : 5.2f); }
  [[nodiscard]] float title_text() const { return body_text() * 1.5f; }
  [[nodiscard]] float gap() const { return px(3.0f); }
};

}  // namespace kiosk::ui
