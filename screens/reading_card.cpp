#include <imgui.h>

#include "screens/screens.hpp"

namespace kiosk::ui {

void draw_reading_card(Ui& ui) {
  ui.title(ui.t("reading_card.heading"));
  ui.text(ui.t("reading_card.keep_card"));
  ui.spacing();
  progress_bar(ui, ui.view().progress_percent);
  ui.spacing(6);
  if (ui.button("cancel_read", ui.t("common.cancel"), ButtonStyle::Secondary)) {
    ui.emit(intent::CancelCardRead{});
  }
}

}  // namespace kiosk::ui
