// The application part of the journey: the procedure, its components filled
// from the vault or the scanner (rules 1, 2 and 4), the applicant, delivery
// and submission.
#include <algorithm>

#include "kiosk/core/secure_wipe.hpp"
#include "kiosk/core/session.hpp"

namespace kiosk {

void Session::on(const intent::SearchProcedures& i, std::vector<Effect>&) {
  view_.procedure_query = i.query;
}

void Session::on(const intent::PickProcedure& i, std::vector<Effect>& effects) {
  if (view_.screen == Screen::ProcedureSearch) {
    pick_procedure(i.code, effects);
  }
}

void Session::pick_procedure(const std::string& code, std::vector<Effect>& effects) {
  const auto it = std::find_if(view_.procedures.begin(), view_.procedures.end(),
                               [&](const Procedure& p) { return p.code == code; });
  if (it == view_.procedures.end()) {
    return;
  }
  view_.procedure = *it;
  view_.plans = plan_components(*it, view_.vault, today_());
  view_.draft.wipe();
  view_.draft.procedure_code = it->code;
  view_.draft.procedure_name = it->name;
  view_.draft.applicant = view_.identity.citizen;
  view_.draft.agency_id = it->agency_id;
  view_.expected_appointment.reset();
  if (it->cases.size() == 1) {
    choose_case(it->cases.front());
  }
  for (const auto& plan : view_.plans) {
    view_.draft.components.push_back(ComponentFill{plan.component.id, {}, {}, false});
  }
  for (auto& plan : view_.plans) {
    verify_automatic_match(plan, effects);
  }
  go(Screen::Components, effects);
}

void Session::choose_case(const ProcedureCase& chosen) {
  view_.draft.case_id = chosen.id;
  view_.expected_appointment = today_().plus_working_days(chosen.processing_days);
}

void Session::on(const intent::ChooseCase& i, std::vector<Effect>&) {
  if (view_.screen != Screen::Components || !view_.procedure) {
    return;
  }
  for (const auto& c : view_.procedure->cases) {
    if (c.id == i.case_id) {
      choose_case(c);
    }
  }
}

// Rule 1 attaches the only match, but only once its file's signature
// verifies, as for an item the citizen picks.
void Session::verify_automatic_match(ComponentPlan& plan, std::vector<Effect>& effects) {
  const auto* fill = view_.draft.component(plan.component.id);
  if (plan.decision != ReuseDecision::AttachAutomatically || fill == nullptr || fill->filled() ||
      !plan.verifying.empty()) {
    return;
  }
  plan.verifying = plan.candidates.front().code;
  // One item may fill two components: it is checked once.
  const bool already_asked = std::any_of(
      view_.plans.begin(), view_.plans.end(),
      [&](const ComponentPlan& other) { return &other != &plan && other.verifying == plan.verifying; });
  if (!already_asked) {
    effects.emplace_back(effect::VerifyVaultItem{plan.verifying});
  }
}

// Takes an item out of this application; every component it filled or was
// offered for is decided again.
void Session::set_aside_item(const std::string& item_code, SetAsideReason reason,
                             std::vector<Effect>& effects) {
  const auto changed = set_aside(view_.plans, item_code, reason);
  for (const auto& component_id : changed) {
    if (auto* fill = view_.draft.component(component_id); fill && fill->vault_item_code == item_code) {
      secure_wipe(fill->vault_item_code);
      fill->attached_automatically = false;
    }
  }
  if (changed.empty()) {
    return;
  }
  // The code begins with the owner's ID number, kept only as the subject's keyed hash.
  const auto dot = item_code.find('.');
  effects.emplace_back(effect::Audit{"set_aside", view_.identity.citizen.id_number,
                                     std::string(set_aside_reason_name(reason)) + " " +
                                         (dot == std::string::npos ? "" : item_code.substr(dot + 1))});
  for (auto& plan : view_.plans) {
    verify_automatic_match(plan, effects);
  }
}

// A signed-in staff member rules out the attached or only match of a
// component, as a citizen's report would, so that it can be scanned.
void Session::on(const intent::RuleOutMatch& i, std::vector<Effect>& effects) {
  const auto* plan = view_.plan_for(i.component_id);
  const auto* fill = view_.draft.component(i.component_id);
  if (view_.screen != Screen::Components || view_.staff_name.empty() || plan == nullptr || fill == nullptr) {
    return;
  }
  std::string item = fill->vault_item_code;
  if (item.empty() && plan->candidates.size() == 1) {
    item = plan->candidates.front().code;
  }
  if (!item.empty()) {
    set_aside_item(item, SetAsideReason::StaffOverride, effects);
  }
}

void Session::attach(const std::string& component_id, const std::string& item_code, bool automatically) {
  if (auto* fill = view_.draft.component(component_id)) {
    secure_wipe(fill->scanned_pdf);
    fill->vault_item_code = item_code;
    fill->attached_automatically = automatically;
  }
}

void Session::on(const intent::ChooseForComponent& i, std::vector<Effect>& effects) {
  const auto* plan = view_.plan_for(i.component_id);
  if (view_.screen != Screen::Components || plan == nullptr || plan->candidates.empty()) {
    return;
  }
  view_.active_component = i.component_id;
  go(Screen::ChooseItem, effects);
}

void Session::on(const intent::ScanForComponent& i, std::vector<Effect>& effects) {
  const auto* plan = view_.plan_for(i.component_id);
  if (view_.screen != Screen::Components || plan == nullptr) {
    return;
  }
  // Rule 2: a valid vault item that matches is never scanned again.
  if (!plan->candidates.empty()) {
    return;
  }
  view_.active_component = i.component_id;
  effects.emplace_back(effect::StartScan{i.component_id});
  view_.busy = true;
  go(Screen::Scan, effects);
}

void Session::on(const intent::ConfirmScan&, std::vector<Effect>& effects) {
  if (view_.screen == Screen::Scan && !view_.busy) {
    view_.active_component.clear();
    go(Screen::Components, effects);
  }
}

void Session::on(const intent::RemoveComponent& i, std::vector<Effect>&) {
  if (view_.screen != Screen::Components) {
    return;
  }
  if (auto* fill = view_.draft.component(i.component_id)) {
    secure_wipe(fill->scanned_pdf);
    fill->vault_item_code.clear();
    fill->attached_automatically = false;
  }
}

void Session::on(const intent::ComponentsDone&, std::vector<Effect>& effects) {
  if (view_.screen != Screen::Components) {
    return;
  }
  if (!view_.draft.complete(view_.plans)) {
    fail({ErrorCode::InvalidInput, "required component missing"});
    return;
  }
  if (view_.draft.case_id.empty()) {
    fail({ErrorCode::InvalidInput, "case not chosen"});
    return;
  }
  go(Screen::ApplicantDetails, effects);
}

void Session::on(const intent::ApplicantDone& i, std::vector<Effect>& effects) {
  if (view_.screen != Screen::ApplicantDetails) {
    return;
  }
  view_.draft.applicant.wipe();
  view_.draft.applicant = i.applicant;
  // The verified identity number cannot be edited away from the chip's.
  view_.draft.applicant.id_number = view_.identity.citizen.id_number;
  go(Screen::Delivery, effects);
}

void Session::on(const intent::DeliveryDone& i, std::vector<Effect>& effects) {
  if (view_.screen != Screen::Delivery) {
    return;
  }
  if (i.delivery == ResultDelivery::ByPost && i.postal_address.empty()) {
    fail({ErrorCode::InvalidInput, "postal address missing"});
    return;
  }
  view_.draft.delivery = i.delivery;
  view_.draft.postal_address = i.postal_address;
  NotificationContact contact = i.contact.consent ? i.contact : NotificationContact{};
  if (!contact.phone.empty() && !contact.sms && !contact.zalo) {
    contact.sms = true;  // a phone number given for notices without a channel means SMS
  }
  if (contact.phone.empty()) {
    contact.sms = contact.zalo = false;
  }
  if (contact.phone.empty() && contact.email.empty()) {
    contact = NotificationContact{};  // consent to nothing reachable sends no contact
  }
  view_.draft.contact = contact;
  go(Screen::Review, effects);
}

void Session::on(const intent::Submit&, std::vector<Effect>& effects) {
  if (view_.screen != Screen::Review) {
    return;
  }
  for (const auto& fill : view_.draft.components) {
    if (fill.from_vault()) {
      // A vault code begins with its owner's ID number, which the audit log
      // keeps only as a keyed hash (the subject): record the rest of the code.
      const auto dot = fill.vault_item_code.find('.');
      effects.emplace_back(
          effect::Audit{"reuse", view_.identity.citizen.id_number,
                        dot == std::string::npos ? "" : fill.vault_item_code.substr(dot + 1)});
    }
  }
  Effect submit = effect::SubmitApplication{view_.draft};
  effects.push_back(submit);
  retry_ = std::make_unique<Effect>(submit);
  view_.busy = true;
  view_.progress_percent = 0;
  go(Screen::Submitting, effects);
}

void Session::on(const event::ComponentScanned& e, std::vector<Effect>&) {
  if (view_.screen != Screen::Scan || e.component_id != view_.active_component) {
    return;
  }
  if (auto* fill = view_.draft.component(e.component_id)) {
    fill->vault_item_code.clear();
    fill->scanned_pdf = e.signed_pdf;
  }
  view_.busy = false;
}

void Session::on(const event::SubmissionDone& e, std::vector<Effect>& effects) {
  if (view_.screen != Screen::Submitting) {
    return;
  }
  view_.busy = false;
  view_.receipt = e.receipt;
  retry_.reset();
  effects.emplace_back(effect::Audit{"submission", view_.identity.citizen.id_number,
                                     e.receipt.pending ? "pending" : "accepted"});
  effects.emplace_back(effect::PrintReceipt{e.receipt});
  go(Screen::Receipt, effects);
}

}  // namespace kiosk
