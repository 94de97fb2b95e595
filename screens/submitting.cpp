#include <imgui.h>

#include "screens/screens.hpp"

namespace kiosk::ui {

void draw_submitting(Ui& ui) {
  ui.title(ui.t("submitting.heading"));
  ui.text(ui.t("submitting.wait"));
  ui.spacing();
  progress_bar(ui, ui.view().progress_percent);
}

}  // namespace kiosk::ui
