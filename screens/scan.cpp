#include <imgui.h>

#include "screens/screens.hpp"

namespace kiosk::ui {

void draw_scan(Ui& ui) {
  const auto& view = ui.view();
  const ComponentPlan* plan = view.plan_for(view.active_component);
  if (plan != nullptr) {
    ui.title(plan->component.name);
  }
  if (view.busy) {
    ui.text(ui.t("scan.place_paper"));
    ui.spacing();
    progress_bar(ui, view.progress_percent);
    ui.muted(ui.t("scan.cancel_hint"));
    return;
  }
  const ComponentFill* fill = nullptr;
  for (const auto& candidate : view.draft.components) {
    if (candidate.component_id == view.active_component) {
      fill = &candidate;
    }
  }
  if (fill != nullptr && !fill->scanned_pdf.empty()) {
    ui.colored(ui.t("scan.done"), ui.theme().success);
    if (ui.button("scan_confirm", ui.t("common.continue"))) {
      ui.emit(intent::ConfirmScan{});
    }
  }
}

}  // namespace kiosk::ui
