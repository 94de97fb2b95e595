#include <imgui.h>

#include "screens/screens.hpp"

namespace kiosk::ui {

void draw_staff_login(Ui& ui) {
  Forms& forms = ui.forms();
  ui.text(ui.t("staff.explain"));
  ui.field("field.staff_id", ui.t("staff.id"), forms.staff_id);
  ui.field("field.staff_pin", ui.t("staff.pin"), forms.staff_pin, true);
  ui.spacing();
  if (ui.view().busy) {
    ui.muted(ui.t("common.loading"));
    return;
  }
  if (ui.button("staff_sign_in", ui.t("staff.sign_in")) && !forms.staff_id.value.empty()) {
    ui.emit(intent::StaffSignIn{forms.staff_id.value, forms.staff_pin.value});
    forms.staff_pin.wipe();
  }
}

}  // namespace kiosk::ui
