#include <imgui.h>

#include "screens/screens.hpp"

namespace kiosk::ui {

void draw_consent(Ui& ui) {
  const auto& view = ui.view();
  const Image face = ui.images().face(view);
  if (face.texture != nullptr) {
    const float height = ui.metrics().px(35);
    ImGui::Image(face.texture, {height * face.width / std::max(face.height, 1.0f), height});
    ImGui::SameLine();
  }
  ImGui::BeginGroup();
  ui.title(ui.f("consent.greeting", {{"name", view.identity.citizen.full_name}}));
  ui.muted(ui.t(view.identity.chip == ChipVerification::ChipGenuine      ? "consent.chip_genuine"
                : view.identity.source == IdentitySource::StaffConfirmed ? "consent.staff_confirmed"
                                                                         : "consent.chip_passive"));
  ImGui::EndGroup();
  ui.spacing();
  ui.text(ui.t("consent.body"));
  ui.spacing(6);
  if (ui.button("consent_accept", ui.t("consent.accept"))) {
    ui.emit(intent::AcceptConsent{});
  }
  ImGui::SameLine();
  if (ui.button("consent_decline", ui.t("consent.decline"), ButtonStyle::Secondary)) {
    ui.emit(intent::DeclineConsent{});
  }
}

}  // namespace kiosk::ui
