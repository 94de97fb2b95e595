#include <imgui.h>

#include "screens/screens.hpp"

namespace kiosk::ui {

void draw_await_staff(Ui& ui) {
  const auto& view = ui.view();
  ui.text(ui.t("await_staff.explain"));
  ui.spacing();
  if (view.staff_name.empty()) {
    ui.muted(ui.t("await_staff.waiting"));
    return;
  }
  ui.label_value(ui.t("field.full_name"), view.identity.citizen.full_name);
  ui.label_value(ui.t("field.id_number"), view.identity.citizen.id_number);
  ui.label_value(ui.t("field.birth_date"), date_text(view.identity.citizen.date_of_birth));
  ui.spacing();
  if (ui.button("staff_confirm", ui.t("await_staff.confirm"))) {
    ui.emit(intent::StaffConfirmIdentity{});
  }
}

}  // namespace kiosk::ui
