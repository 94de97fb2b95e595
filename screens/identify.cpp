#include <imgui.h>

#include <algorithm>

#include "screens/screens.hpp"

namespace kiosk::ui {
namespace {

std::string_view hint_key(CameraView::Hint hint) {
  switch (hint) {
    case CameraView::Hint::None:
      return "camera.hint.read";
    case CameraView::Hint::NoCodeSeen:
      return "camera.hint.no_code_seen";
    case CameraView::Hint::MoveCloser:
      return "camera.hint.move_closer";
    case CameraView::Hint::TooMuchGlare:
      return "camera.hint.too_much_glare";
    case CameraView::Hint::HoldStill:
      return "camera.hint.hold_still";
  }
  return "camera.hint.no_code_seen";
}

}  // namespace

void camera_preview(Ui& ui, float height) {
  const CameraView camera = ui.images().camera();
  const float aspect = camera.picture.texture != nullptr && camera.picture.height > 0
                           ? camera.picture.width / camera.picture.height
                           : 16.0f / 9.0f;
  const float width = std::min(height * aspect, ImGui::GetContentRegionAvail().x);
  height = width / aspect;
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const ImVec2 end{origin.x + width, origin.y + height};
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const float rounding = ui.metrics().px(2);
  if (camera.picture.texture != nullptr) {
    draw->AddImageRounded(camera.picture.texture, origin, end, {0, 0}, {1, 1}, IM_COL32_WHITE, rounding);
  } else {
    draw->AddRectFilled(origin, end, ImGui::GetColorU32(to_imvec(ui.theme().overlay)), rounding);
  }
  // The guide: a square in the middle, where the card's QR reads best.
  const float side = height * 0.62f;
  const ImVec2 centre{origin.x + width / 2, origin.y + height / 2};
  const ImVec2 guide_min{centre.x - side / 2, centre.y - side / 2};
  const ImVec2 guide_max{centre.x + side / 2, centre.y + side / 2};
  const bool read = camera.state == CameraView::State::Live && camera.hint == CameraView::Hint::None;
  const ImU32 guide_colour = ImGui::GetColorU32(to_imvec(read ? ui.theme().success : ui.theme().on_overlay));
  const float corner = side * 0.22f;
  const float thickness = ui.metrics().px(1.2f);
  for (int i = 0; i < 4; ++i) {
    const float x = (i & 1) != 0 ? guide_max.x : guide_min.x;
    const float y = (i & 2) != 0 ? guide_max.y : guide_min.y;
    const float dx = (i & 1) != 0 ? -corner : corner;
    const float dy = (i & 2) != 0 ? -corner : corner;
    draw->AddLine({x, y}, {x + dx, y}, guide_colour, thickness);
    draw->AddLine({x, y}, {x, y + dy}, guide_colour, thickness);
  }
  if (camera.picture.texture == nullptr) {
    std::string_view key = "camera.starting";
    if (camera.state == CameraView::State::Unavailable || camera.state == CameraView::State::Off) {
      key = "camera.unavailable";
    } else if (camera.state == CameraView::State::Failed) {
      key = "camera.failed";
    }
    const std::string& message = ui.t(key);
    const float wrap = width - 2 * ui.metrics().gap();
    const ImVec2 size = ImGui::CalcTextSize(message.c_str(), nullptr, false, wrap);
    draw->AddText(ImGui::GetFont(), ImGui::GetFontSize(), {centre.x - size.x / 2, centre.y - size.y / 2},
                  ImGui::GetColorU32(to_imvec(ui.theme().on_overlay)), message.c_str(), nullptr, wrap);
  }
  ImGui::Dummy({width, height});
  ui.register_last("camera_preview");
  if (camera.state == CameraView::State::Failed && camera.picture.texture != nullptr) {
    ui.colored(ui.t("camera.failed"), ui.theme().danger);
  } else if (camera.state == CameraView::State::Live) {
    ui.colored(ui.t(hint_key(camera.hint)), read ? ui.theme().success : ui.theme().text);
  }
}

void draw_identify(Ui& ui) {
  const auto& view = ui.view();
  ui.title(ui.t("identify.heading"));
  ui.spacing();
  ui.text(ui.t("identify.tap_card"));
  ui.text(ui.t("identify.show_qr"));
  ui.spacing();
  camera_preview(ui, ui.metrics().px(48));
  ui.spacing();
  if (view.identity.source == IdentitySource::QrCode) {
    ui.colored(ui.t("identify.qr_read_place_card"), ui.theme().success);
  } else if (view.card_present && !view.chip_access) {
    ui.colored(ui.t("identify.card_needs_access"), ui.theme().text);
  }
  ui.spacing(6);
  if (ui.button("no_qr", ui.t("identify.no_qr"), ButtonStyle::Secondary)) {
    ui.emit(intent::EnterChipAccess{});
  }
  ui.spacing();
  ui.muted(ui.t("identify.staff_hint"));
}

}  // namespace kiosk::ui
