#include <imgui.h>

#include "screens/screens.hpp"

namespace kiosk::ui {

void draw_receipt(Ui& ui) {
  const auto& receipt = ui.view().receipt;
  if (!receipt) {
    return;
  }
  const std::string& code = receipt->pending ? receipt->local_reference : receipt->dossier_code;
  ImGui::BeginGroup();
  if (receipt->pending) {
    ui.title(ui.t("receipt.pending_heading"));
    ui.text(ui.t("receipt.pending_explain"));
    ui.label_value(ui.t("receipt.reference"), code);
    if (!receipt->notified_by.empty()) {
      std::string channels;
      for (const auto& channel : receipt->notified_by) {
        channels += (channels.empty() ? "" : ", ") + ui.t("delivery." + channel);
      }
      ui.muted(ui.f("receipt.pending_notified", {{"channels", channels}}));
    }
  } else {
    ui.title(ui.t("receipt.heading"));
    ui.label_value(ui.t("receipt.dossier_code"), code);
  }
  ui.label_value(ui.t("review.procedure"), receipt->procedure_name);
  ui.label_value(ui.t("receipt.received"), date_text(receipt->received));
  ui.label_value(ui.t("receipt.appointment"), date_text(receipt->appointment));
  ui.muted(ui.t("receipt.printed"));
  ImGui::EndGroup();
  const Image qr = ui.images().qr_code(code);
  if (qr.texture != nullptr) {
    ImGui::SameLine(ImGui::GetContentRegionAvail().x - ui.metrics().px(50));
    const float side = ui.metrics().px(45);
    ImGui::Image(qr.texture, {side, side});
  }
  ui.spacing();
  if (ui.button("receipt_next", ui.t("common.continue"))) {
    ui.emit(intent::Next{});
  }
}

}  // namespace kiosk::ui
