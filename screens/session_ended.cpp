#include <imgui.h>

#include "screens/screens.hpp"

namespace kiosk::ui {

void draw_session_ended(Ui& ui) {
  static constexpr const char* kReasons[] = {"ended.none",         "ended.finished",         "ended.idle",
                                             "ended.card_removed", "ended.consent_declined", "ended.ended"};
  ui.spacing(10);
  ui.title(ui.t(kReasons[static_cast<int>(ui.view().ended)]));
  ui.text(ui.t("ended.wiped"));
  ui.spacing(6);
  if (ui.button("ended_ok", ui.t("common.ok"))) {
    ui.emit(intent::Next{});
  }
}

}  // namespace kiosk::ui
