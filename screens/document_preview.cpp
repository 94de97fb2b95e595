#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "screens/screens.hpp"

namespace kiosk::ui {
namespace {

std::string fixed(float value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.2f", static_cast<double>(value));
  return text;
}

// Where each page sits at zoom 1, where the widest page spans the viewport.
struct PageColumn {
  float scale = 0;  // pixels per point at zoom 1
  std::vector<float> tops;
  float height = 0;
};

PageColumn lay_out(const DocumentPages& pages, float viewport_width, float gap) {
  PageColumn column;
  float widest = 0;
  for (const ImVec2& size : pages.sizes) {
    widest = std::max(widest, size.x);
  }
  if (widest <= 0) {
    return column;
  }
  column.scale = viewport_width / widest;
  for (const ImVec2& size : pages.sizes) {
    column.tops.push_back(column.height);
    column.height += size.y * column.scale + gap;
  }
  return column;
}

void draw_pages(Ui& ui, const DocumentPages& pages) {
  ImageSource& images = ui.images();
  ZoomPan& zoom = ui.forms().preview;
  const ImGuiIO& io = ImGui::GetIO();
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  // One pixel short of the content's height, so that the content never scrolls under the page.
  const Point viewport{std::max(1.0f, avail.x), std::max(ui.metrics().target(), avail.y - 1)};
  ImGui::InvisibleButton("preview.page", {viewport.x, viewport.y});
  ui.register_last("preview.page");
  const bool held = ImGui::IsItemActive();
  const PageColumn column = lay_out(pages, viewport.x, ui.metrics().px(3));

  TouchFrame touch;
  touch.time = ImGui::GetTime();
  touch.down = held;
  touch.position_known = ImGui::IsMousePosValid(&io.MousePos);
  touch.position = {io.MousePos.x - origin.x, io.MousePos.y - origin.y};
  const Pinch& pinch = ui.state().pinch;
  touch.pinch = held && pinch.active;
  touch.a = {pinch.a.x - origin.x, pinch.a.y - origin.y};
  touch.b = {pinch.b.x - origin.x, pinch.b.y - origin.y};
  zoom.update(touch, viewport, column.height, ui.metrics().px(3));
  if (zoom.moving()) {
    ui.keep_animating();
  }

  const float z = zoom.zoom();
  const Point offset = zoom.offset();
  const bool sharpen = zoom.settled();
  ImDrawList* draw = ImGui::GetWindowDrawList();
  draw->PushClipRect(origin, {origin.x + viewport.x, origin.y + viewport.y}, true);
  draw->AddRectFilled(origin, {origin.x + viewport.x, origin.y + viewport.y},
                      ImGui::GetColorU32(to_imvec(ui.theme().secondary_pressed)));
  int first = -1;
  int last = -1;
  float shown_width = 0;
  float shown_height = 0;
  const int count = static_cast<int>(pages.sizes.size());
  for (int i = 0; i < count; ++i) {
    const ImVec2 size = pages.sizes[static_cast<std::size_t>(i)];
    const float width = size.x * column.scale * z;
    const float height = size.y * column.scale * z;
    const float top = origin.y + column.tops[static_cast<std::size_t>(i)] * z - offset.y;
    if (top > origin.y + viewport.y || top + height < origin.y) {
      continue;
    }
    first = first < 0 ? i : first;
    last = i;
    const float left = origin.x - offset.x + (viewport.x * z - width) / 2;
    const ImVec2 min{left, top};
    const ImVec2 max{left + width, top + height};
    const Image image = images.page(i, width, sharpen);
    if (image.texture != nullptr) {
      draw->AddImage(image.texture, min, max);
      if (shown_width == 0) {
        shown_width = image.width;
        shown_height = image.height;
      }
    } else {
      draw->AddRectFilled(min, max, ImGui::GetColorU32(to_imvec(ui.theme().background)));
    }
  }
  draw->PopClipRect();
  if (first >= 0 && sharpen) {
    // The neighbours of what shows, so that a drag finds them ready.
    for (const int i : {last + 1, first - 1}) {
      if (i >= 0 && i < count) {
        images.page(i, pages.sizes[static_cast<std::size_t>(i)].x * column.scale * z, true);
      }
    }
  }
  if (images.finish_pages(first - 1, last + 1)) {
    ui.keep_animating();
  }
  WidgetRegistry& values = ui.state().widgets;
  values.note("preview.zoom", fixed(z));
  values.note("preview.offset", fixed(offset.x) + " " + fixed(offset.y));
  values.note("preview.pages",
              std::to_string(first + 1) + "-" + std::to_string(last + 1) + "/" + std::to_string(count));
  values.note("preview.texture_width", std::to_string(static_cast<int>(shown_width)));
  values.note("preview.texture_height", std::to_string(static_cast<int>(shown_height)));
}

}  // namespace

void draw_document_preview(Ui& ui) {
  const auto& view = ui.view();
  const auto& preview = view.preview;
  ZoomPan& zoom = ui.forms().preview;
  if (!preview.loaded) {
    zoom.reset();
    ui.muted(ui.t("common.loading"));
    return;
  }
  const DocumentPages& pages = ui.images().document(preview);
  // Rule 3: what the vault knows of the paper, next to the file itself.
  for (const auto& item : view.vault) {
    if (item.code == preview.item_code) {
      ui.text(item.name);
      ui.muted(vault_item_details(ui, item));
    }
  }
  if (preview.signature_valid()) {
    ui.colored(ui.f("preview.signed_by", {{"signer", preview.signer}}), ui.theme().success);
  } else {
    ui.colored(ui.t("preview.signature_invalid"), ui.theme().danger);
  }
  if (!preview.for_component.empty() &&
      ui.button("preview_take", ui.t("preview.take"),
                preview.signature_valid() ? ButtonStyle::Primary : ButtonStyle::Secondary)) {
    ui.emit(intent::TakePreviewedItem{});
  }
  if (!preview.for_component.empty()) {
    ImGui::SameLine();
  }
  if (view.reported(preview.item_code)) {
    ui.colored(ui.t("preview.reported"), ui.theme().success);
  } else if (ui.button("preview_report", ui.t("preview.report"), ButtonStyle::Secondary)) {
    ui.emit(intent::ReportPreviewedItem{});
  }
  if (pages.state == DocumentPages::State::Opening) {
    zoom.reset();
    ui.muted(ui.t("common.loading"));
    ui.keep_animating();  // the page sizes arrive from the render thread
    return;
  }
  if (pages.state == DocumentPages::State::Failed || pages.sizes.empty()) {
    ui.colored(ui.t("preview.cannot_render"), ui.theme().danger);
    return;
  }
  // The buttons zoom around the middle of the page area below their row
  // (the next frame's clamp settles the last pixel).
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const Point viewport{std::max(1.0f, avail.x), std::max(1.0f, avail.y)};
  const float document_height = lay_out(pages, viewport.x, ui.metrics().px(3)).height;
  const Point middle{viewport.x / 2, viewport.y / 2};
  ImGui::SameLine();
  if (ui.button("zoom_out", "−", ButtonStyle::Secondary)) {
    zoom.zoom_at(zoom.zoom() / 1.25f, middle, viewport, document_height);
  }
  ImGui::SameLine();
  if (ui.button("zoom_in", "+", ButtonStyle::Secondary)) {
    zoom.zoom_at(zoom.zoom() * 1.25f, middle, viewport, document_height);
  }
  if (pages.unreadable_pages > 0) {
    ui.colored(ui.t("preview.cannot_render"), ui.theme().danger);
  }
  draw_pages(ui, pages);
}

}  // namespace kiosk::ui
