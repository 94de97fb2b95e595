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

}  // namespace

std::vector<ComponentPlan> plan_components(const Procedure& procedure, const std::vector<VaultItem>& vault,
                                           CivilDate today) {
  std::vector<ComponentPlan> plans;
  plans.reserve(procedure.components.size());
  for (const auto& component : procedure.components) {
    ComponentPlan plan{component, ReuseDecision::Scan, {}};
    for (const auto& item : vault) {
      if (accepts(component, item) && item.valid_on(today)) {
        plan.candidates.push_back(item);
      }
    }
    std::sort(plan.candidates.begin(), plan.candidates.end(), more_relevant);
    if (plan.candidates.size() == 1) {
      plan.decision = ReuseDecision::AttachAutomatically;
    } else if (plan.candidates.size() > 1) {
      plan.decision = ReuseDecision::CitizenChooses;
    }
    plans.push_back(std::move(plan));
  }
  return plans;
}

}  // namespace kiosk
