#include <imgui.h>

#include "screens/screens.hpp"

namespace kiosk::ui {
namespace {

const VaultItem* find_item(const ComponentPlan& plan, const std::string& code) {
  for (const auto& item : plan.candidates) {
    if (item.code == code) {
      return &item;
    }
  }
  return nullptr;
}

}  // namespace

void draw_components(Ui& ui) {
  const auto& view = ui.view();
  if (view.procedure) {
    ui.title(view.procedure->name);
  }
  ui.muted(ui.t("components.explain"));
  for (const auto& plan : view.plans) {
    const auto& component = plan.component;
    const auto it =
        std::find_if(view.draft.components.begin(), view.draft.components.end(),
                     [&](const ComponentFill& fill) { return fill.component_id == component.id; });
    if (it == view.draft.components.end()) {
      continue;
    }
    const ComponentFill& fill = *it;
    ImGui::Separator();
    ui.text(component.name + (component.optional ? " " + ui.t("components.optional") : ""));
    const std::string id = "component." + component.id;
    // The row's buttons share one line; the next component starts below them.
    bool first_button = true;
    const auto beside = [&first_button] {
      if (!first_button) {
        ImGui::SameLine();
      }
      first_button = false;
    };
    if (fill.from_vault()) {
      const VaultItem* item = find_item(plan, fill.vault_item_code);
      ui.colored(ui.f(fill.attached_automatically ? "components.attached_auto" : "components.attached_chosen",
                      {{"name", item ? item->name : fill.vault_item_code}}),
                 ui.theme().success);
      beside();
      if (ui.button(id + ".view", ui.t("components.view"), ButtonStyle::Secondary)) {
        ui.emit(intent::PreviewVaultItem{fill.vault_item_code});
      }
    } else if (!fill.scanned_pdf.empty()) {
      ui.colored(ui.t("components.scanned"), ui.theme().success);
    } else {
      // Rule 2: a paper the vault already holds is chosen there, never scanned again.
      const char* status = component.optional        ? "components.not_attached"
                           : plan.candidates.empty() ? "components.missing"
                                                     : "components.choose_needed";
      ui.colored(ui.t(status), component.optional ? ui.theme().muted_text : ui.theme().danger);
    }
    if (plan.candidates.size() > 1 || (!plan.candidates.empty() && !fill.from_vault())) {
      beside();
      if (ui.button(id + ".choose",
                    ui.f("components.choose", {{"count", std::to_string(plan.candidates.size())}}),
                    ButtonStyle::Secondary)) {
        ui.emit(intent::ChooseForComponent{component.id});
      }
    }
    if (plan.candidates.empty()) {
      beside();
      if (ui.button(id + ".scan", ui.t(fill.filled() ? "components.rescan" : "components.scan"),
                    fill.filled() ? ButtonStyle::Secondary : ButtonStyle::Primary)) {
        ui.emit(intent::ScanForComponent{component.id});
      }
    }
    if (fill.filled()) {
      beside();
      if (ui.button(id + ".remove", ui.t("components.remove"), ButtonStyle::Secondary)) {
        ui.emit(intent::RemoveComponent{component.id});
      }
    }
  }
  ui.spacing();
  const bool complete = view.draft.complete(view.plans);
  if (ui.button("components_done", ui.t("common.continue"),
                complete ? ButtonStyle::Primary : ButtonStyle::Secondary)) {
    ui.emit(intent::ComponentsDone{});
  }
}

}  // namespace kiosk::ui
