#include <imgui.h>

#include "screens/screens.hpp"

namespace kiosk::ui {

void draw_lookup_result(Ui& ui) {
  const auto& results = ui.view().lookup_results;
  if (results.empty()) {
    ui.text(ui.t("lookup.none"));
    return;
  }
  for (const auto& dossier : results) {
    ImGui::Separator();
    ui.title(dossier.dossier_code);
    ui.label_value(ui.t("lookup.procedure"), dossier.procedure_name);
    ui.label_value(ui.t("field.full_name"), dossier.owner_name);
    ui.label_value(ui.t("lookup.status"), dossier.status);
    ui.label_value(ui.t("receipt.received"), date_text(dossier.received));
    ui.label_value(ui.t("receipt.appointment"), date_text(dossier.appointment));
  }
}

}  // namespace kiosk::ui
