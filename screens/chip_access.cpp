#include <imgui.h>

#include "screens/screens.hpp"

namespace kiosk::ui {

void draw_chip_access(Ui& ui) {
  Forms& forms = ui.forms();
  ui.text(ui.t("chip_access.explain"));
  ui.field("field.id_number", ui.t("chip_access.id_number"), forms.id_number);
  ui.field("field.birth_date", ui.t("chip_access.birth_date"), forms.birth_date);
  ui.field("field.expiry_date", ui.t("chip_access.expiry_date"), forms.expiry_date);
  ui.muted(ui.t("chip_access.expiry_hint"));
  const auto birth = CivilDate::from_ddmmyyyy(forms.birth_date.value);
  const bool no_expiry = forms.expiry_date.value.empty();
  const auto expiry = CivilDate::from_ddmmyyyy(forms.expiry_date.value);
  const bool ready = forms.id_number.value.size() == 12 && birth && (no_expiry || expiry);
  if (!ready && !forms.id_number.value.empty()) {
    ui.muted(ui.t("chip_access.incomplete"));
  }
  ui.spacing();
  if (ui.button("chip_access_submit", ui.t("common.continue"),
                ready ? ButtonStyle::Primary : ButtonStyle::Secondary) &&
      ready) {
    ChipAccessInputs inputs{forms.id_number.value, *birth, no_expiry ? std::nullopt : expiry};
    ui.emit(intent::SubmitChipAccess{inputs});
  }
}

}  // namespace kiosk::ui
