#include <imgui.h>

#include "screens/screens.hpp"

namespace kiosk::ui {

void draw_review(Ui& ui) {
  const auto& view = ui.view();
  const auto& draft = view.draft;
  ui.muted(ui.t("review.explain"));
  ui.label_value(ui.t("review.procedure"), draft.procedure_name);
  if (const ProcedureCase* chosen = view.chosen_case()) {
    ui.label_value(ui.t("review.case"), chosen->name);
  }
  if (view.procedure) {
    ui.label_value(ui.t("review.agency"), view.procedure->agency_name);
    ui.label_value(ui.t("review.fee"), fee_text(ui, view.procedure->fee_vnd));
  }
  if (view.expected_appointment) {
    ui.label_value(ui.t("review.expected"), date_text(view.expected_appointment));
  }
  ui.label_value(ui.t("field.full_name"), draft.applicant.full_name);
  ui.label_value(ui.t("field.id_number"), draft.applicant.id_number);
  ui.label_value(ui.t("field.residence"), draft.applicant.place_of_residence);
  ui.muted(ui.t("review.components"));
  for (const auto& fill : draft.components) {
    const ComponentPlan* plan = view.plan_for(fill.component_id);
    const std::string name = plan ? plan->component.name : fill.component_id;
    const char* how = fill.from_vault() ? "review.from_vault"
                      : fill.filled()   ? "review.scanned"
                                        : "review.not_attached";
    const std::string form = plan ? " (" + paper_form_text(ui, plan->component) + ")" : "";
    ui.text("• " + name + form + " — " + ui.t(how));
  }
  static constexpr const char* kDelivery[] = {"delivery.at_office", "delivery.by_post", "delivery.online"};
  ui.label_value(ui.t("review.delivery"), ui.t(kDelivery[static_cast<int>(draft.delivery)]));
  if (draft.delivery == ResultDelivery::ByPost) {
    ui.label_value(ui.t("delivery.address"), draft.postal_address);
  }
  if (draft.contact.consent) {
    ui.label_value(ui.t("delivery.phone"), draft.contact.phone);
    ui.label_value(ui.t("delivery.email"), draft.contact.email);
  }
  ui.spacing();
  if (ui.button("submit", ui.t("review.submit"), ButtonStyle::Primary, ui.metrics().px(80))) {
    ui.emit(intent::Submit{});
  }
}

}  // namespace kiosk::ui
