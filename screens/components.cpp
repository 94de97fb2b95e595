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

// Trường hợp giải quyết: one row per case when there are several, each
// with its processing time; the chosen one gives the expected date.
void draw_cases(Ui& ui, const Procedure& procedure) {
  const auto& view = ui.view();
  const auto days = [&ui](const ProcedureCase& c) {
    return c.processing_days == 0
               ? ui.t("components.case_same_day")
               : ui.f("components.case_days", {{"days", std::to_string(c.processing_days)}});
  };
  if (procedure.cases.size() > 1) {
    ui.text(ui.t(view.draft.case_id.empty() ? "components.case_choose" : "components.case_heading"));
    for (const auto& c : procedure.cases) {
      if (ui.row("case." + c.id, c.name, days(c), c.id == view.draft.case_id)) {
        ui.emit(intent::ChooseCase{c.id});
      }
    }
  } else if (const ProcedureCase* only = view.chosen_case()) {
    ui.muted(ui.t("components.case_heading") + ": " + only->name + " · " + days(*only));
  }
  std::string facts = fee_text(ui, procedure.fee_vnd);
  if (view.expected_appointment) {
    facts += " · " + ui.f("components.expected", {{"date", date_text(view.expected_appointment)}});
  }
  ui.muted(facts);
  ui.muted(ui.f("components.agency", {{"agency", procedure.agency_name}}));
}

}  // namespace

std::string fee_text(const Ui& ui, std::uint64_t fee_vnd) {
  if (fee_vnd == 0) {
    return ui.t("components.no_fee");
  }
  // Vietnamese groups thousands with dots: 205.000 đồng.
  std::string digits = std::to_string(fee_vnd);
  for (auto at = static_cast<std::ptrdiff_t>(digits.size()) - 3; at > 0; at -= 3) {
    digits.insert(static_cast<std::size_t>(at), ".");
  }
  return ui.f("components.fee", {{"fee", digits}});
}

std::string paper_form_text(const Ui& ui, const RequiredComponent& component) {
  const char* key = component.form == PaperForm::Original ? "components.form_original"
                    : component.form == PaperForm::Copy   ? "components.form_copy"
                                                          : "components.form_electronic";
  return ui.f(key, {{"count", std::to_string(component.quantity)}});
}

void draw_components(Ui& ui) {
  const auto& view = ui.view();
  if (view.procedure) {
    ui.title(view.procedure->name);
    draw_cases(ui, *view.procedure);
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
    ui.muted(paper_form_text(ui, component));
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
    } else if (const VaultItem* checking = find_item(plan, plan.verifying)) {
      ui.muted(ui.f("components.verifying", {{"name", checking->name}}));
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
    if (!view.staff_name.empty() && (fill.from_vault() || plan.candidates.size() == 1)) {
      beside();
      if (ui.button(id + ".rule_out", ui.t("components.rule_out"), ButtonStyle::Secondary)) {
        ui.emit(intent::RuleOutMatch{component.id});
      }
    }
    // Why an item the vault holds is not used here, so the citizen is never
    // left wondering why the kiosk asks for a scan.
    for (const auto& aside : plan.set_aside) {
      const std::string reason = "set_aside." + std::string(set_aside_reason_name(aside.reason));
      ui.muted(ui.f("components.set_aside", {{"name", aside.name}, {"reason", ui.t(reason)}}));
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
