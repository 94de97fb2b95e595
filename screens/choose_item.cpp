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
    if (ui.row("candidate." + item.code, item.name, vault_item_details(ui, item))) {
      ui.emit(intent::PreviewVaultItem{item.code});
    }
  }
}

}  // namespace kiosk::ui
