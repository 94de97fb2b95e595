#pragma once

#include <vector>

#include "kiosk/core/civil_date.hpp"
#include "kiosk/core/procedure.hpp"
#include "kiosk/core/vault_item.hpp"

namespace kiosk {

// DOMAIN rule 1: one valid match is attached for the citizen, several are
// offered to choose from, none means the paper has to be scanned.
enum class ReuseDecision { AttachAutomatically, CitizenChooses, Scan };

struct ComponentPlan {
  RequiredComponent component;
  ReuseDecision decision = ReuseDecision::Scan;
  std::vector<VaultItem> candidates;  // valid matches, most recent then most used first
};

// Expired and revoked items are never candidates (rule 2); one item may
// satisfy several components.
std::vector<ComponentPlan> plan_components(const Procedure& procedure, const std::vector<VaultItem>& vault,
                                           CivilDate today);

}  // namespace kiosk
