#include <imgui.h>

#include "screens/screens.hpp"

namespace kiosk::ui {

void draw_rating(Ui& ui) {
  ui.title(ui.t("rating.question"));
  ui.spacing(6);
  static constexpr const char* kLevels[] = {"rating.1", "rating.2", "rating.3", "rating.4", "rating.5"};
  const float width = ui.metrics().px(42);
  for (int stars = 1; stars <= 5; ++stars) {
    std::string text;
    for (int i = 0; i < stars; ++i) {
      text += "★";
    }
    text += "\n" + ui.t(kLevels[stars - 1]);
    if (ui.button("rate." + std::to_string(stars), text, ButtonStyle::Secondary, width,
                  ui.metrics().px(26))) {
      ui.emit(intent::Rate{stars});
    }
    if (stars < 5) {
      ImGui::SameLine();
    }
  }
}

}  // namespace kiosk::ui
