#include <imgui.h>

#include "screens/screens.hpp"

namespace kiosk::ui {

void draw_applicant_details(Ui& ui) {
  const auto& view = ui.view();
  Forms& forms = ui.forms();
  const CitizenIdentity& applicant = view.draft.applicant;
  if (forms.prepared_for != Screen::ApplicantDetails) {
    // Pre-filled from the card; the person corrects what changed.
    forms.full_name.wipe();
    forms.residence.wipe();
    forms.full_name.value = applicant.full_name;
    forms.residence.value = applicant.place_of_residence;
    forms.prepared_for = Screen::ApplicantDetails;
  }
  ui.muted(ui.t("applicant.explain"));
  ui.label_value(ui.t("field.id_number"), applicant.id_number);
  ui.label_value(ui.t("field.birth_date"), date_text(applicant.date_of_birth));
  ui.field("field.full_name", ui.t("field.full_name"), forms.full_name);
  ui.field("field.residence", ui.t("field.residence"), forms.residence);
  ui.spacing();
  if (ui.button("applicant_done", ui.t("common.continue")) && !forms.full_name.value.empty()) {
    CitizenIdentity edited = applicant;
    edited.full_name = forms.full_name.value;
    edited.place_of_residence = forms.residence.value;
    ui.emit(intent::ApplicantDone{edited});
    edited.wipe();
  }
}

}  // namespace kiosk::ui
