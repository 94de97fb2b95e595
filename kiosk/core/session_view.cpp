#include "kiosk/core/session_view.hpp"

#include <algorithm>

#include "kiosk/core/secure_wipe.hpp"
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

// Seed 002 searches the vault by name, code, decision number, summary and
// owner (name and ID number); the catalogue entry and the issuing agency are
// what people remember of a paper, so they count too.
std::vector<const VaultItem*> SessionView::visible_vault() const {
  std::vector<const VaultItem*> out;
  for (const auto& item : vault) {
    if (vault_query.empty()) {
      out.push_back(&item);
      continue;
    }
    std::string text = item.name + " " + item.code + " " + item.decision_number + " " + item.summary + " " +
                       item.catalog_name + " " + item.issuing_agency + " " + item.owner_id;
    if (item.owner_id == identity.citizen.id_number) {
      text += " " + identity.citizen.full_name;
    }
    if (matches_search(text, vault_query)) {
      out.push_back(&item);
    }
    secure_wipe(text);
  }
  return out;
}

const ComponentPlan* SessionView::plan_for(const std::string& component_id) const {
  const auto it = std::find_if(plans.begin(), plans.end(),
                               [&](const ComponentPlan& plan) { return plan.component.id == component_id; });
  return it == plans.end() ? nullptr : &*it;
}

const ProcedureCase* SessionView::chosen_case() const {
  if (!procedure) {
    return nullptr;
  }
  const auto it = std::find_if(procedure->cases.begin(), procedure->cases.end(),
                               [&](const ProcedureCase& c) { return c.id == draft.case_id; });
  return it == procedure->cases.end() ? nullptr : &*it;
}

bool SessionView::reported(const std::string& item_code) const {
  return std::find(reported_items.begin(), reported_items.end(), item_code) != reported_items.end();
}

}  // namespace kiosk
