#include <imgui.h>

#include <algorithm>

#include "screens/screens.hpp"

namespace kiosk::ui {

void draw_document_preview(Ui& ui) {
  const auto& view = ui.view();
  const auto& preview = view.preview;
  Forms& forms = ui.forms();
  if (!preview.loaded) {
    ui.muted(ui.t("common.loading"));
    return;
  }
  if (preview.signature_valid) {
    ui.colored(ui.f("preview.signed_by", {{"signer", preview.signer}}), ui.theme().success);
  } else {
    ui.colored(ui.t("preview.signature_invalid"), ui.theme().danger);
  }
  if (!preview.for_component.empty() &&
      ui.button("preview_take", ui.t("preview.take"),
                preview.signature_valid ? ButtonStyle::Primary : ButtonStyle::Secondary)) {
    ui.emit(intent::TakePreviewedItem{});
  }
  if (!preview.for_component.empty()) {
    ImGui::SameLine();
  }
  if (ui.button("preview_report", ui.t("preview.report"), ButtonStyle::Secondary)) {
    ui.emit(intent::ReportPreviewedItem{});
  }
  ImGui::SameLine();
  if (ui.button("zoom_out", "−", ButtonStyle::Secondary)) {
    forms.preview_zoom = std::max(0.5f, forms.preview_zoom / 1.25f);
  }
  ImGui::SameLine();
  if (ui.button("zoom_in", "+", ButtonStyle::Secondary)) {
    forms.preview_zoom = std::min(4.0f, forms.preview_zoom * 1.25f);
  }
  const int pages = ui.images().page_count(preview);
  const float width = ImGui::GetContentRegionAvail().x * 0.8f * forms.preview_zoom;
  for (int page = 0; page < pages; ++page) {
    const Image image = ui.images().page(preview, page, width);
    if (image.texture == nullptr) {
      ui.colored(ui.t("preview.cannot_render"), ui.theme().danger);
      break;
    }
    ImGui::Image(image.texture, {image.width, image.height});
  }
}

}  // namespace kiosk::ui
