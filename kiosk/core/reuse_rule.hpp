#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "kiosk/core/civil_date.hpp"
#include "kiosk/core/procedure.hpp"
#include "kiosk/core/vault_item.hpp"

namespace kiosk {

// DOMAIN rule 1: one valid match is attached for the citizen, several are
// offered to choose from, none means the paper has to be scanned.
enum class ReuseDecision { AttachAutomatically, CitizenChooses, Scan };

// Why a matching vault item was taken out of this application.
enum class SetAsideReason {
  Unsigned,          // its file carries no signature
  SignatureInvalid,  // malformed or changed after signing
  UntrustedSigner,
  Unreadable,
  ReportedWrong,  // the citizen reported it ("Phản ánh về kết quả giải quyết")
  StaffOverride,  // a signed-in staff member ruled the match out
};

std::string_view set_aside_reason_name(SetAsideReason reason);

struct SetAsideItem {
  std::string code;
  std::string name;
  SetAsideReason reason = SetAsideReason::ReportedWrong;
};

struct ComponentPlan {
  RequiredComponent component;
  ReuseDecision decision = ReuseDecision::Scan;
  std::vector<VaultItem> candidates;  // valid matches, most recent then most used first
  // The only match, attached once its signature verifies (rule 1 takes a
  // verified paper only, whether the kiosk or the citizen picks it).
  std::string verifying;
  std::vector<SetAsideItem> set_aside;  // shown so the citizen knows why
};

// Expired and revoked items are never candidates (rule 2); one item may
// satisfy several components.
std::vector<ComponentPlan> plan_components(const Procedure& procedure, const std::vector<VaultItem>& vault,
                                           CivilDate today);

// Takes `item_code` out of every plan that offered it and decides each of
// those plans again from what is left: a last remaining match becomes the
// automatic one, none means the paper is scanned. Returns the ids of the
// components whose plan changed.
std::vector<std::string> set_aside(std::vector<ComponentPlan>& plans, const std::string& item_code,
                                   SetAsideReason reason);

}  // namespace kiosk
