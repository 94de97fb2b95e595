#include <imgui.h>

#include "screens/screens.hpp"

namespace kiosk::ui {

void draw_lookup_result(Ui& ui) {
  const auto& results = ui.view().lookup_results;
  if (results.empty()) {
    ui.text(ui.t("lookup.none"));
    return;
  }
  bool withheld = false;
  for (const auto& dossier : results) {
    ImGui::Separator();
    if (dossier.dossier_code.empty()) {
      // A pending receipt's reference: the application still waits in this kiosk.
      ui.title(dossier.local_reference);
      ui.colored(ui.t("lookup.waiting"), ui.theme().muted_text);
      continue;
    }
    ui.title(dossier.dossier_code);
    if (!dossier.local_reference.empty()) {
      ui.label_value(ui.t("receipt.reference"), dossier.local_reference);
    }
    // Names and details come only for the owner identified at this kiosk.
    if (!dossier.owner_name.empty()) {
      ui.label_value(ui.t("lookup.procedure"), dossier.procedure_name);
      ui.label_value(ui.t("field.full_name"), dossier.owner_name);
      ui.label_value(ui.t("receipt.received"), date_text(dossier.received));
    } else {
      withheld = true;
    }
    ui.label_value(ui.t("lookup.status"), dossier.status);
    ui.label_value(ui.t("receipt.appointment"), date_text(dossier.appointment));
  }
  if (withheld) {
    ui.muted(ui.t("lookup.details_withheld"));
  }
}

}  // namespace kiosk::ui
