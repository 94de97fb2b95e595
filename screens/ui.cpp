#include "screens/ui.hpp"

#include <imgui_internal.h>

#include <algorithm>
#include <cmath>

namespace kiosk::ui {

ImVec4 to_imvec(Rgb c, float alpha) {
  return {c.r, c.g, c.b, alpha};
}

void apply_theme(const Theme& theme, Metrics metrics) {
  ImGuiStyle& style = ImGui::GetStyle();
  style = ImGuiStyle();
  style.WindowPadding = {metrics.px(4), metrics.px(3)};
  style.FramePadding = {metrics.px(3), metrics.px(2)};
  style.ItemSpacing = {metrics.px(3), metrics.px(2.5f)};
  style.FrameRounding = metrics.px(1.5f);
  style.WindowRounding = 0;
  style.ChildRounding = metrics.px(1.5f);
  style.ScrollbarSize = metrics.px(4);
  style.WindowBorderSize = 0;
  style.ChildBorderSize = 0;
  style.TouchExtraPadding = {0, 0};
  auto& c = style.Colors;
  c[ImGuiCol_Text] = to_imvec(theme.text);
  c[ImGuiCol_WindowBg] = to_imvec(theme.background);
  c[ImGuiCol_ChildBg] = to_imvec(theme.background, 0.0f);
  c[ImGuiCol_PopupBg] = to_imvec(theme.panel);
  c[ImGuiCol_FrameBg] = to_imvec(theme.panel);
  c[ImGuiCol_FrameBgHovered] = to_imvec(theme.panel);
  c[ImGuiCol_FrameBgActive] = to_imvec(theme.panel);
  // Touch has no hover: a hovered widget looks exactly like an idle one.
  c[ImGuiCol_Button] = to_imvec(theme.primary);
  c[ImGuiCol_ButtonHovered] = to_imvec(theme.primary);
  c[ImGuiCol_ButtonActive] = to_imvec(theme.primary_pressed);
  c[ImGuiCol_ScrollbarBg] = to_imvec(theme.background);
  c[ImGuiCol_ScrollbarGrab] = to_imvec(theme.secondary_pressed);
  c[ImGuiCol_ScrollbarGrabHovered] = to_imvec(theme.secondary_pressed);
  c[ImGuiCol_ScrollbarGrabActive] = to_imvec(theme.muted_text);
  c[ImGuiCol_Border] = to_imvec(theme.secondary_pressed);
  c[ImGuiCol_Separator] = to_imvec(theme.secondary_pressed);
}

void Forms::wipe() {
  for (TextField* field :
       {&id_number, &birth_date, &expiry_date, &vault_query, &procedure_query, &lookup_query, &full_name,
        &residence, &postal_address, &phone, &email, &staff_id, &staff_pin}) {
    field->wipe();
  }
  delivery = ResultDelivery::AtOffice;
  contact_consent = false;
  sms = false;
  zalo = false;
  report_reason = -1;
  preview.reset();
  rating = 0;
  prepared_for = Screen::Attract;
}

Ui::Ui(const SessionView& view, const Catalog& catalog, const Theme& theme, Metrics metrics, Fonts fonts,
       UiState& state, ImageSource& images)
    : view_(view),
      catalog_(catalog),
      theme_(theme),
      metrics_(metrics),
      fonts_(fonts),
      state_(state),
      images_(images) {}

ImFont* Ui::body_font() const {
  return view_.large_text ? fonts_.body_large : fonts_.body;
}

ImFont* Ui::title_font() const {
  return view_.large_text ? fonts_.title_large : fonts_.title;
}

const std::string& Ui::t(std::string_view key) const {
  return catalog_.text(view_.language, key);
}

std::string Ui::f(std::string_view key,
                  const std::vector<std::pair<std::string, std::string>>& values) const {
  return catalog_.format(view_.language, key, values);
}

void Ui::title(std::string_view text) {
  ImGui::PushFont(title_font());
  ImGui::PushTextWrapPos(0);
  ImGui::TextUnformatted(text.data(), text.data() + text.size());
  ImGui::PopTextWrapPos();
  ImGui::PopFont();
}

void Ui::text(std::string_view text) {
  ImGui::PushTextWrapPos(0);
  ImGui::TextUnformatted(text.data(), text.data() + text.size());
  ImGui::PopTextWrapPos();
}

void Ui::muted(std::string_view text) {
  colored(text, theme_.muted_text);
}

void Ui::colored(std::string_view text, Rgb colour) {
  ImGui::PushStyleColor(ImGuiCol_Text, to_imvec(colour));
  this->text(text);
  ImGui::PopStyleColor();
}

void Ui::label_value(std::string_view label, std::string_view value) {
  muted(label);
  ImGui::Indent(metrics_.px(4));
  text(value.empty() ? std::string_view("—") : value);
  ImGui::Unindent(metrics_.px(4));
}

void Ui::register_last(std::string_view id) {
  const ImVec2 min = ImGui::GetItemRectMin();
  const ImVec2 max = ImGui::GetItemRectMax();
  // Only what the person can actually see and touch is registered.
  const ImRect clip = ImGui::GetCurrentWindow()->ClipRect;
  const ImVec2 lo{std::max(min.x, clip.Min.x), std::max(min.y, clip.Min.y)};
  const ImVec2 hi{std::min(max.x, clip.Max.x), std::min(max.y, clip.Max.y)};
  if (hi.x - lo.x < 2 || hi.y - lo.y < 2) {
    return;
  }
  state_.widgets.add(id, {lo.x, lo.y, hi.x - lo.x, hi.y - lo.y});
}

bool Ui::pressed_without_drag(bool pressed) const {
  // A finger that moved is scrolling, not pressing.
  const float slop = metrics_.px(3);
  return pressed && ImGui::GetIO().MouseDragMaxDistanceSqr[0] <= slop * slop;
}

bool Ui::button(std::string_view id, std::string_view label, ButtonStyle style, float width, float height) {
  Rgb bg = theme_.primary;
  Rgb pressed_bg = theme_.primary_pressed;
  Rgb fg = theme_.on_primary;
  if (style == ButtonStyle::Secondary) {
    bg = theme_.secondary;
    pressed_bg = theme_.secondary_pressed;
    fg = theme_.text;
  } else if (style == ButtonStyle::Danger) {
    bg = theme_.danger;
    pressed_bg = theme_.primary_pressed;
    fg = theme_.on_danger;
  }
  ImGui::PushStyleColor(ImGuiCol_Button, to_imvec(bg));
  ImGui::PushStyleColor(ImGuiCol_ButtonHovered, to_imvec(bg));
  ImGui::PushStyleColor(ImGuiCol_ButtonActive, to_imvec(pressed_bg));
  ImGui::PushStyleColor(ImGuiCol_Text, to_imvec(fg));
  ImGui::PushID(id.data(), id.data() + id.size());
  const ImVec2 text_size = ImGui::CalcTextSize(label.data(), label.data() + label.size());
  const float min = metrics_.target();
  const ImVec2 size{std::max({width, min, text_size.x + 2 * ImGui::GetStyle().FramePadding.x}),
                    std::max(height, min)};
  // The ID comes from `id` alone: a label that changes between press and
  // release (a count that arrives meanwhile) must not cancel the press.
  const std::string text = std::string(label) + "###button";
  const bool pressed = ImGui::ButtonEx(text.c_str(), size, ImGuiButtonFlags_PressedOnClickRelease);
  ImGui::PopID();
  ImGui::PopStyleColor(4);
  register_last(id);
  return pressed_without_drag(pressed);
}

bool Ui::row(std::string_view id, std::string_view title_text, std::string_view detail, bool selected) {
  const float width = ImGui::GetContentRegionAvail().x;
  const ImVec2 start = ImGui::GetCursorScreenPos();
  ImGui::PushID(id.data(), id.data() + id.size());
  const float wrap = width - 2 * metrics_.px(3);
  const ImVec2 title_size =
      ImGui::CalcTextSize(title_text.data(), title_text.data() + title_text.size(), false, wrap);
  const ImVec2 detail_size =
      detail.empty() ? ImVec2{0, 0}
                     : ImGui::CalcTextSize(detail.data(), detail.data() + detail.size(), false, wrap);
  const float height = std::max(metrics_.target(), title_size.y + detail_size.y + metrics_.px(5));
  const bool pressed = ImGui::InvisibleButton("row", {width, height});
  const bool held = ImGui::IsItemActive();
  register_last(id);
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const Rgb bg = held ? theme_.secondary_pressed : (selected ? theme_.secondary : theme_.panel);
  draw->AddRectFilled(start, {start.x + width, start.y + height}, ImGui::GetColorU32(to_imvec(bg)),
                      metrics_.px(1.5f));
  if (selected) {
    draw->AddRect(start, {start.x + width, start.y + height}, ImGui::GetColorU32(to_imvec(theme_.primary)),
                  metrics_.px(1.5f), 0, metrics_.px(0.8f));
  }
  const float pad = metrics_.px(3);
  // The lines sit in the middle of the row, which is taller than one line
  // when there is no detail.
  const float text_top = start.y + (height - title_size.y - detail_size.y) / 2;
  draw->AddText(nullptr, 0, {start.x + pad, text_top}, ImGui::GetColorU32(to_imvec(theme_.text)),
                title_text.data(), title_text.data() + title_text.size(), wrap);
  if (!detail.empty()) {
    draw->AddText(nullptr, 0, {start.x + pad, text_top + title_size.y},
                  ImGui::GetColorU32(to_imvec(theme_.muted_text)), detail.data(),
                  detail.data() + detail.size(), wrap);
  }
  ImGui::PopID();
  return pressed_without_drag(pressed);
}

bool Ui::toggle(std::string_view id, std::string_view label, bool on) {
  const std::string text = std::string(on ? "☑ " : "☐ ") + std::string(label);
  return button(id, text, on ? ButtonStyle::Primary : ButtonStyle::Secondary);
}

void Ui::field(std::string_view id, std::string_view label, TextField& value, bool secret) {
  muted(label);
  const bool focused = state_.keyboard.focused(id);
  std::string shown = secret ? std::string(value.value.size(), '*') : value.value;
  if (focused) {
    shown += "|";
  }
  const float width = ImGui::GetContentRegionAvail().x;
  const ImVec2 start = ImGui::GetCursorScreenPos();
  ImGui::PushID(id.data(), id.data() + id.size());
  const bool pressed = ImGui::InvisibleButton("field", {width, metrics_.target()});
  register_last(id);
  ImGui::PopID();
  if (focused && state_.keyboard.take_reveal()) {
    reveal_last_item(ImGui::GetTextLineHeightWithSpacing());
  }
  ImDrawList* draw = ImGui::GetWindowDrawList();
  draw->AddRectFilled(start, {start.x + width, start.y + metrics_.target()},
                      ImGui::GetColorU32(to_imvec(theme_.panel)), metrics_.px(1));
  draw->AddRect(start, {start.x + width, start.y + metrics_.target()},
                ImGui::GetColorU32(to_imvec(focused ? theme_.primary : theme_.muted_text)), metrics_.px(1), 0,
                focused ? metrics_.px(0.8f) : metrics_.px(0.3f));
  const float text_y = start.y + (metrics_.target() - ImGui::GetFontSize()) / 2;
  draw->PushClipRect(start, {start.x + width, start.y + metrics_.target()}, true);
  draw->AddText({start.x + metrics_.px(3), text_y}, ImGui::GetColorU32(to_imvec(theme_.text)), shown.c_str());
  draw->PopClipRect();
  secure_wipe(shown);
  if (pressed_without_drag(pressed)) {
    state_.keyboard.focus(id, value);
  }
}

void Ui::reveal_last_item(float above) {
  ImGuiWindow* window = ImGui::GetCurrentWindow();
  const float top = ImGui::GetItemRectMin().y - above;
  const float bottom = ImGui::GetItemRectMax().y + ImGui::GetStyle().ItemSpacing.y;
  const ImRect& visible = window->InnerRect;
  if (bottom > visible.Max.y) {
    ImGui::SetScrollY(window, window->Scroll.y + bottom - visible.Max.y);
  } else if (top < visible.Min.y) {
    ImGui::SetScrollY(window, window->Scroll.y - (visible.Min.y - top));
  } else {
    return;
  }
  // The scroll applies on the next frame.
  keep_animating();
}

void Ui::begin_scroll(std::string_view id, float height) {
  scroll_id_ = id;
  ImGui::BeginChild(scroll_id_.c_str(), {0, height}, false, ImGuiWindowFlags_None);
}

void Ui::end_scroll() {
  ImGuiWindow* window = ImGui::GetCurrentWindow();
  ImGuiIO& io = ImGui::GetIO();
  float& velocity = state_.scroll_velocity[window->ID];
  const bool started_inside = window->Rect().Contains(io.MouseClickedPos[0]);
  const float slop = metrics_.px(3);
  if (io.MouseDown[0] && started_inside && io.MouseDragMaxDistanceSqr[0] > slop * slop) {
    ImGui::SetScrollY(window, window->Scroll.y - io.MouseDelta.y);
    // Smoothed finger speed, in pixels per frame, for the fling.
    velocity = 0.6f * velocity + 0.4f * -io.MouseDelta.y;
    keep_animating();
  } else if (!io.MouseDown[0] && std::fabs(velocity) > 0.5f) {
    const float next = window->Scroll.y + velocity;
    ImGui::SetScrollY(window, std::clamp(next, 0.0f, window->ScrollMax.y));
    velocity = (next < 0 || next > window->ScrollMax.y) ? 0 : velocity * 0.92f;
    keep_animating();
  } else if (!io.MouseDown[0]) {
    velocity = 0;
  }
  const bool scrolls = window->ScrollMax.y > 0;
  ImGui::EndChild();
  if (scrolls) {
    register_last(scroll_id_);
  }
}

void Ui::spacing(float millimetres) {
  ImGui::Dummy({1, metrics_.px(millimetres)});
}

}  // namespace kiosk::ui
