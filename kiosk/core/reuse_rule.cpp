#include "kiosk/core/reuse_rule.hpp"

#include <algorithm>

namespace kiosk {
namespace {

bool accepts(const RequiredComponent& component, const VaultItem& item) {
  return std::find(component.accepted_catalog_codes.begin(), component.accepted_catalog_codes.end(),
                   item.catalog_code) != component.accepted_catalog_codes.end();
}

bool more_relevant(const VaultItem& a, const VaultItem& b) {
  if (a.issue_date != b.issue_date) {
    return a.issue_date > b.issue_date;
  }
  if (a.times_used != b.times_used) {
    return a.times_used > b.times_used;
  }
  return a.code < b.code;
}

void decide(ComponentPlan& plan) {
  plan.decision = plan.candidates.empty()       ? ReuseDecision::Scan
                  : plan.candidates.size() == 1 ? ReuseDecision::AttachAutomatically
                                                : ReuseDecision::CitizenChooses;
}

}  // namespace

std::string_view set_aside_reason_name(SetAsideReason reason) {
  switch (reason) {
    case SetAsideReason::Unsigned:
      return "unsigned";
    case SetAsideReason::SignatureInvalid:
      return "signature_invalid";
    case SetAsideReason::UntrustedSigner:
      return "untrusted_signer";
    case SetAsideReason::Unreadable:
      return "unreadable";
    case SetAsideReason::ReportedWrong:
      return "reported_wrong";
    case SetAsideReason::StaffOverride:
      return "staff_override";
  }
  return "unknown";
}

std::vector<ComponentPlan> plan_components(const Procedure& procedure, const std::vector<VaultItem>& vault,
                                           CivilDate today) {
  std::vector<ComponentPlan> plans;
  plans.reserve(procedure.components.size());
  for (const auto& component : procedure.components) {
    ComponentPlan plan;
    plan.component = component;
    for (const auto& item : vault) {
      if (accepts(component, item) && item.valid_on(today)) {
        plan.candidates.push_back(item);
      }
    }
    std::sort(plan.candidates.begin(), plan.candidates.end(), more_relevant);
    decide(plan);
    plans.push_back(std::move(plan));
  }
  return plans;
}

std::vector<std::string> set_aside(std::vector<ComponentPlan>& plans, const std::string& item_code,
                                   SetAsideReason reason) {
  std::vector<std::string> changed;
  for (auto& plan : plans) {
    const auto it = std::find_if(plan.candidates.begin(), plan.candidates.end(),
                                 [&](const VaultItem& item) { return item.code == item_code; });
    if (it == plan.candidates.end()) {
      continue;
    }
    plan.set_aside.push_back(SetAsideItem{it->code, it->name, reason});
    plan.candidates.erase(it);
    if (plan.verifying == item_code) {
      plan.verifying.clear();
    }
    decide(plan);
    changed.push_back(plan.component.id);
  }
  return changed;
}

}  // namespace kiosk
