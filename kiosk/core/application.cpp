#include "kiosk/core/application.hpp"

#include <algorithm>

#include "kiosk/core/secure_wipe.hpp"

namespace kiosk {

ComponentFill* ApplicationDraft::component(const std::string& id) {
  const auto it = std::find_if(components.begin(), components.end(),
                               [&](const ComponentFill& fill) { return fill.component_id == id; });
  return it == components.end() ? nullptr : &*it;
}

bool ApplicationDraft::complete(const std::vector<ComponentPlan>& plans) const {
  return std::all_of(plans.begin(), plans.end(), [&](const ComponentPlan& plan) {
    if (plan.component.optional) {
      return true;
    }
    const auto it = std::find_if(components.begin(), components.end(), [&](const ComponentFill& fill) {
      return fill.component_id == plan.component.id;
    });
    return it != components.end() && it->filled();
  });
}

void ApplicationDraft::wipe() {
  applicant.wipe();
  for (auto& fill : components) {
    secure_wipe(fill.vault_item_code);
    secure_wipe(fill.scanned_pdf);
  }
  components.clear();
  secure_wipe(postal_address);
  secure_wipe(contact.phone);
  secure_wipe(contact.email);
  contact = {};
  procedure_code.clear();
  procedure_name.clear();
  case_id.clear();
  agency_id.clear();
  delivery = ResultDelivery::AtOffice;
}

}  // namespace kiosk
