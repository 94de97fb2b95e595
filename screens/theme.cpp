#include "screens/theme.hpp"

#include <algorithm>
#include <cmath>

namespace kiosk::ui {
namespace {

float channel(float c) {
  return c <= 0.04045f ? c / 12.92f : std::pow((c + 0.055f) / 1.055f, 2.4f);
}

float luminance(Rgb c) {
  return 0.2126f * channel(c.r) + 0.7152f * channel(c.g) + 0.0722f * channel(c.b);
}

}  // namespace

float contrast_ratio(Rgb a, Rgb b) {
  const float la = luminance(a);
  const float lb = luminance(b);
  return (std::max(la, lb) + 0.05f) / (std::min(la, lb) + 0.05f);
}

std::vector<Theme::Pair> Theme::text_pairs() const {
  return {
      {"text on background", text, background},
      {"muted text on background", muted_text, background},
      {"text on panel", text, panel},
      {"muted text on panel", muted_text, panel},
      {"primary button", on_primary, primary},
      {"primary button pressed", on_primary, primary_pressed},
      {"secondary button", text, secondary},
      {"secondary button pressed", text, secondary_pressed},
      {"danger", on_danger, danger},
      {"staff bar", on_staff_bar, staff_bar},
      {"success text", success, panel},
      {"error text", danger, panel},
      {"overlay", on_overlay, overlay},
      {"link on background", primary, background},
  };
}

}  // namespace kiosk::ui
