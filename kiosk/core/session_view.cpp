#include "kiosk/core/session_view.hpp"

#include <algorithm>

#include "kiosk/core/vietnamese_text.hpp"

namespace kiosk {

std::vector<const Procedure*> SessionView::visible_procedures() const {
  std::vector<const Procedure*> out;
  for (const auto& candidate : procedures) {
    if (procedure_query.empty() ||
        matches_search(candidate.name + " " + candidate.field + " " + candidate.code, procedure_query)) {
      out.push_back(&candidate);
    }
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const Procedure* a, const Procedure* b) { return a->times_used > b->times_used; });
  return out;
}

std::vector<const VaultItem*> SessionView::visible_vault() const {
  std::vector<const VaultItem*> out;
  for (const auto& item : vault) {
    if (vault_query.empty() || matches_search(item.name + " " + item.code + " " + item.decision_number + " " +
                                                  item.summary + " " + item.catalog_name,
                                              vault_query)) {
      out.push_back(&item);
    }
  }
  return out;
}

const ComponentPlan* SessionView::plan_for(const std::string& component_id) const {
  const auto it = std::find_if(plans.begin(), plans.end(),
                               [&](const ComponentPlan& plan) { return plan.component.id == component_id; });
  return it == plans.end() ? nullptr : &*it;
}

}  // namespace kiosk
