#include <imgui.h>

#include <string>

#include "screens/screens.hpp"

namespace kiosk::ui {

void draw_attract(Ui& ui) {
  ui.spacing(12);
  ui.title(ui.t("attract.title"));
  ui.spacing(4);
  ui.text(ui.t("attract.subtitle"));
  ui.spacing(10);
  if (ui.button("start", ui.t("attract.start"), ButtonStyle::Primary, ui.metrics().px(110),
                ui.metrics().px(24))) {
    ui.emit(intent::Begin{});
  }
  ui.spacing(6);
  if (ui.button("lookup", ui.t("attract.lookup"), ButtonStyle::Secondary, ui.metrics().px(110))) {
    ui.emit(intent::OpenLookup{});
  }
  ui.spacing(6);
  ui.muted(ui.t("attract.hint"));
  // For staff passing by: applications the kiosk still has to send.
  if (const auto& view = ui.view(); view.outbox_pending + view.outbox_held > 0) {
    ui.spacing(4);
    ui.muted(ui.f("outbox.waiting", {{"pending", std::to_string(view.outbox_pending)},
                                     {"held", std::to_string(view.outbox_held)}}));
  }
}

}  // namespace kiosk::ui
