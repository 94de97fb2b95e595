#include <imgui.h>

#include "screens/screens.hpp"

namespace kiosk::ui {

void draw_home(Ui& ui) {
  const auto& view = ui.view();
  ui.title(ui.f("home.greeting", {{"name", view.identity.citizen.full_name}}));
  // The line is kept while nothing loads so that the buttons never move
  // under a finger when the vault arrives.
  ui.muted(view.busy ? ui.t("common.loading") : " ");
  ui.spacing(6);
  const float width = ui.metrics().px(120);
  const float height = ui.metrics().px(22);
  if (ui.button("new_application", ui.t("home.new_application"), ButtonStyle::Primary, width, height)) {
    ui.emit(intent::OpenNewApplication{});
  }
  ImGui::SameLine();
  if (ui.button("open_vault", ui.f("home.vault", {{"count", std::to_string(view.vault.size())}}),
                ButtonStyle::Primary, width, height)) {
    ui.emit(intent::OpenVault{});
  }
  if (ui.button("open_lookup", ui.t("home.lookup"), ButtonStyle::Secondary, width, height)) {
    ui.emit(intent::OpenLookup{});
  }
}

}  // namespace kiosk::ui
