#include <imgui.h>

#include "screens/screens.hpp"

namespace kiosk::ui {

void draw_choose_item(Ui& ui) {
  const auto& view = ui.view();
  const ComponentPlan* plan = view.plan_for(view.active_component);
  if (plan == nullptr) {
    return;
  }
  ui.title(plan->component.name);
  ui.muted(ui.t("choose.explain"));
  for (const auto& item : plan->candidates) {
    // A digitised card has no decision number: no separator for a missing part.
    std::string detail;
    for (const std::string& part : {item.decision_number, item.issuing_agency, date_text(item.issue_date)}) {
      if (!part.empty()) {
        detail += (detail.empty() ? "" : " · ") + part;
      }
    }
    if (ui.row("candidate." + item.code, item.name, detail)) {
      ui.emit(intent::PreviewVaultItem{item.code});
    }
  }
}

}  // namespace kiosk::ui
