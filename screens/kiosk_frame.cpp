#include <imgui.h>

#include "screens/screens.hpp"

namespace kiosk::ui {
namespace {

constexpr ImGuiWindowFlags kPlain = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                    ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoScrollWithMouse;

void draw_screen(Ui& ui) {
  switch (ui.view().screen) {
    case Screen::Attract:
      return draw_attract(ui);
    case Screen::Identify:
      return draw_identify(ui);
    case Screen::ChipAccess:
      return draw_chip_access(ui);
    case Screen::ReadingCard:
      return draw_reading_card(ui);
    case Screen::AwaitStaff:
      return draw_await_staff(ui);
    case Screen::Consent:
      return draw_consent(ui);
    case Screen::Home:
      return draw_home(ui);
    case Screen::Vault:
      return draw_vault(ui);
    case Screen::DocumentPreview:
      return draw_document_preview(ui);
    case Screen::ReportItem:
      return draw_report_item(ui);
    case Screen::Lookup:
      return draw_lookup(ui);
    case Screen::LookupResult:
      return draw_lookup_result(ui);
    case Screen::ProcedureSearch:
      return draw_procedure_search(ui);
    case Screen::Components:
      return draw_components(ui);
    case Screen::ChooseItem:
      return draw_choose_item(ui);
    case Screen::Scan:
      return draw_scan(ui);
    case Screen::ApplicantDetails:
      return draw_applicant_details(ui);
    case Screen::Delivery:
      return draw_delivery(ui);
    case Screen::Review:
      return draw_review(ui);
    case Screen::Submitting:
      return draw_submitting(ui);
    case Screen::Receipt:
      return draw_receipt(ui);
    case Screen::Rating:
      return draw_rating(ui);
    case Screen::SessionEnded:
      return draw_session_ended(ui);
    case Screen::StaffLogin:
      return draw_staff_login(ui);
    case Screen::OutOfService:
      return draw_out_of_service(ui);
  }
}

bool session_screen(Screen screen) {
  return screen != Screen::Attract && screen != Screen::SessionEnded && screen != Screen::OutOfService;
}

void staff_bar(Ui& ui) {
  const auto& view = ui.view();
  const float height = ui.metrics().target() + 2 * ImGui::GetStyle().WindowPadding.y;
  ImGui::PushStyleColor(ImGuiCol_ChildBg, to_imvec(ui.theme().staff_bar));
  ImGui::BeginChild("staff_bar", {0, height}, false, kPlain);
  ImGui::SetCursorPos(ImGui::GetStyle().WindowPadding);
  ImGui::AlignTextToFramePadding();
  ImGui::PushStyleColor(ImGuiCol_Text, to_imvec(ui.theme().on_staff_bar));
  std::string line = ui.f("staff.bar", {{"name", view.staff_name}});
  if (view.outbox_pending + view.outbox_held > 0) {
    line += "  ·  " + ui.f("outbox.waiting", {{"pending", std::to_string(view.outbox_pending)},
                                              {"held", std::to_string(view.outbox_held)}});
  }
  const float button_width =
      ImGui::CalcTextSize(ui.t("staff.sign_out").c_str()).x + 4 * ImGui::GetStyle().FramePadding.x;
  ImGui::SetCursorPosY((height - ImGui::GetFontSize()) / 2);
  ImGui::TextUnformatted(line.c_str());
  ImGui::PopStyleColor();
  ImGui::SameLine(ImGui::GetWindowWidth() - button_width - ImGui::GetStyle().WindowPadding.x * 2);
  ImGui::SetCursorPosY(ImGui::GetStyle().WindowPadding.y);
  if (ui.button("staff_sign_out", ui.t("staff.sign_out"), ButtonStyle::Secondary)) {
    ui.emit(intent::StaffSignOut{});
  }
  ImGui::EndChild();
  ImGui::PopStyleColor();
}

void top_bar(Ui& ui) {
  const auto& view = ui.view();
  const float height = ui.metrics().target() + 2 * ImGui::GetStyle().WindowPadding.y;
  ImGui::BeginChild("top_bar", {0, height}, false, kPlain);
  ImGui::SetCursorPos(ImGui::GetStyle().WindowPadding);
  // Right-aligned controls first measured, then drawn after the title.
  struct Control {
    const char* id;
    std::string label;
    bool danger;
  };
  std::vector<Control> controls;
  controls.push_back({"lang", ui.t("chrome.switch_language"), false});
  controls.push_back(
      {"large_text", ui.t(view.large_text ? "chrome.normal_text" : "chrome.large_text"), false});
  if (view.audio) {
    controls.push_back({"repeat_prompt", ui.t("chrome.repeat_prompt"), false});
  }
  controls.push_back({"audio", ui.t(view.audio ? "chrome.audio_off" : "chrome.audio_on"), false});
  if (view.screen != Screen::StaffLogin && view.screen != Screen::SessionEnded &&
      view.screen != Screen::OutOfService) {
    controls.push_back({"call_staff", ui.t("chrome.call_staff"), false});
  }
  if (session_screen(view.screen)) {
    controls.push_back({"end", ui.t("chrome.end"), true});
  }
  const ImGuiStyle& style = ImGui::GetStyle();
  float total = 0;
  for (const auto& c : controls) {
    total +=
        std::max(ui.metrics().target(), ImGui::CalcTextSize(c.label.c_str()).x + 2 * style.FramePadding.x) +
        style.ItemSpacing.x;
  }
  ImGui::PushFont(ui.title_font());
  const std::string title = ui.t("screen." + std::string(screen_name(view.screen)));
  ImGui::SetCursorPosY((height - ImGui::GetFontSize()) / 2);
  ImGui::TextUnformatted(title.c_str());
  ImGui::PopFont();
  ImGui::SameLine(std::max(ImGui::GetCursorPosX(), ImGui::GetWindowWidth() - total - style.WindowPadding.x));
  ImGui::SetCursorPosY(style.WindowPadding.y);
  for (const auto& c : controls) {
    if (ui.button(c.id, c.label, c.danger ? ButtonStyle::Danger : ButtonStyle::Secondary)) {
      const std::string_view id = c.id;
      if (id == "lang") {
        ui.emit(intent::SetLanguage{view.language == Language::Vietnamese ? Language::English
                                                                          : Language::Vietnamese});
      } else if (id == "large_text") {
        ui.emit(intent::ToggleLargeText{});
      } else if (id == "audio") {
        ui.emit(intent::ToggleAudio{});
      } else if (id == "repeat_prompt") {
        ui.emit(intent::RepeatPrompt{});
      } else if (id == "call_staff") {
        ui.emit(intent::CallStaff{});
      } else if (id == "end") {
        ui.emit(intent::End{});
      }
    }
    ImGui::SameLine();
  }
  ImGui::EndChild();
}

void error_banner(Ui& ui) {
  const auto& error = ui.view().error;
  if (!error) {
    return;
  }
  ImGui::PushStyleColor(ImGuiCol_ChildBg, to_imvec(ui.theme().panel));
  const float height = ui.metrics().target() * 2.2f;
  // Padded like every panel: the message must not touch the border.
  ImGui::BeginChild("error", {0, height}, true, kPlain | ImGuiWindowFlags_AlwaysUseWindowPadding);
  ui.colored(error_text(ui, *error), ui.theme().danger);
  if (error->retriable() && ui.button("error_retry", ui.t("common.retry"))) {
    ui.emit(intent::Retry{});
  }
  if (error->retriable()) {
    ImGui::SameLine();
  }
  if (ui.button("error_dismiss", ui.t("common.ok"), ButtonStyle::Secondary)) {
    ui.emit(intent::DismissError{});
  }
  ImGui::EndChild();
  ImGui::PopStyleColor();
}

bool begin_overlay(Ui& ui, const char* name) {
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(viewport->Pos);
  ImGui::SetNextWindowSize(viewport->Size);
  ImGui::SetNextWindowFocus();
  // Opaque: the screen behind would show through the question's own lines.
  ImGui::PushStyleColor(ImGuiCol_WindowBg, to_imvec(ui.theme().overlay));
  ImGui::PushStyleColor(ImGuiCol_Text, to_imvec(ui.theme().on_overlay));
  const bool open = ImGui::Begin(name, nullptr, kPlain);
  ImGui::SetCursorPosY(viewport->Size.y * 0.25f);
  ImGui::Indent(viewport->Size.x * 0.15f);
  ImGui::PushTextWrapPos(viewport->Size.x * 0.85f);
  return open;
}

void end_overlay() {
  ImGui::PopTextWrapPos();
  ImGui::End();
  ImGui::PopStyleColor(2);
}

void overlays(Ui& ui) {
  const auto& view = ui.view();
  if (view.card_removed_prompt) {
    begin_overlay(ui, "card_removed");
    ui.title(ui.t("overlay.card_removed.title"));
    ui.text(ui.t("overlay.card_removed.body"));
    if (view.idle_seconds_left) {
      ui.text(ui.f("overlay.idle.countdown", {{"seconds", std::to_string(*view.idle_seconds_left)}}));
    }
    ui.spacing(6);
    if (ui.button("card_continue", ui.t("overlay.card_removed.continue"))) {
      ui.emit(intent::StillHere{});
    }
    ImGui::SameLine();
    if (ui.button("card_end", ui.t("chrome.end"), ButtonStyle::Danger)) {
      ui.emit(intent::End{});
    }
    end_overlay();
    return;
  }
  if (view.idle_seconds_left) {
    begin_overlay(ui, "idle");
    ui.title(ui.t("overlay.idle.title"));
    ui.text(ui.f("overlay.idle.countdown", {{"seconds", std::to_string(*view.idle_seconds_left)}}));
    ui.spacing(6);
    if (ui.button("still_here", ui.t("overlay.idle.still_here"), ButtonStyle::Primary, ui.metrics().px(80))) {
      ui.emit(intent::StillHere{});
    }
    ImGui::SameLine();
    if (ui.button("idle_end", ui.t("chrome.end"), ButtonStyle::Danger)) {
      ui.emit(intent::End{});
    }
    end_overlay();
  }
}

}  // namespace

bool has_back(Screen screen) {
  switch (screen) {
    case Screen::Identify:
    case Screen::ChipAccess:
    case Screen::AwaitStaff:
    case Screen::Vault:
    case Screen::DocumentPreview:
    case Screen::ReportItem:
    case Screen::Lookup:
    case Screen::LookupResult:
    case Screen::ProcedureSearch:
    case Screen::Components:
    case Screen::ChooseItem:
    case Screen::Scan:
    case Screen::ApplicantDetails:
    case Screen::Delivery:
    case Screen::Review:
    case Screen::StaffLogin:
      return true;
    default:
      return false;
  }
}

void draw_kiosk(Ui& ui) {
  const auto& view = ui.view();
  UiState& state = ui.state();
  const bool new_screen = state.last_screen != view.screen;
  if (new_screen) {
    state.keyboard.blur();
    if (!session_screen(view.screen)) {
      state.forms.wipe();
    }
    state.last_screen = view.screen;
  }
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(viewport->Pos);
  ImGui::SetNextWindowSize(viewport->Size);
  ImGui::PushFont(ui.body_font());
  ImGui::Begin("kiosk", nullptr, kPlain | ImGuiWindowFlags_NoBringToFrontOnFocus);
  if (!view.staff_name.empty()) {
    staff_bar(ui);
  }
  top_bar(ui);
  ImGui::Separator();
  const ImGuiStyle& style = ImGui::GetStyle();
  const float bottom = has_back(view.screen) ? ui.metrics().target() + 2 * style.ItemSpacing.y : 0;
  const float keyboard = state.keyboard.open() ? state.keyboard.height(ui) : 0;
  const float content_height = ImGui::GetContentRegionAvail().y - bottom - keyboard;
  error_banner(ui);
  ui.begin_scroll("content",
                  content_height - (view.error ? ui.metrics().target() * 2.2f + style.ItemSpacing.y : 0));
  if (new_screen) {
    // Each screen opens at its top, not where the previous one was scrolled to.
    ImGui::SetScrollY(0.0f);
  }
  draw_screen(ui);
  ui.end_scroll();
  if (bottom > 0) {
    if (ui.button("back", ui.t("chrome.back"), ButtonStyle::Secondary, ui.metrics().px(40))) {
      ui.emit(intent::Back{});
    }
  }
  if (state.keyboard.open()) {
    ImGui::PushStyleColor(ImGuiCol_ChildBg, to_imvec(ui.theme().secondary_pressed));
    ImGui::BeginChild("keyboard", {0, keyboard}, false, kPlain);
    ImGui::SetCursorPos(style.WindowPadding);
    state.keyboard.draw(ui);
    ImGui::EndChild();
    ImGui::PopStyleColor();
  }
  ImGui::End();
  overlays(ui);
  ImGui::PopFont();
}

std::string date_text(const std::optional<CivilDate>& date) {
  return date ? date->vietnamese() : std::string("—");
}

std::string error_text(const Ui& ui, const Error& error) {
  return ui.t("error." + std::string(error_name(error.code)));
}

void progress_bar(Ui& ui, int percent) {
  const float width = ImGui::GetContentRegionAvail().x;
  const ImVec2 start = ImGui::GetCursorScreenPos();
  const float height = ui.metrics().px(6);
  ImDrawList* draw = ImGui::GetWindowDrawList();
  draw->AddRectFilled(start, {start.x + width, start.y + height},
                      ImGui::GetColorU32(to_imvec(ui.theme().secondary)), height / 2);
  const float done = width * static_cast<float>(std::clamp(percent, 0, 100)) / 100.0f;
  if (done > 0) {
    draw->AddRectFilled(start, {start.x + done, start.y + height},
                        ImGui::GetColorU32(to_imvec(ui.theme().primary)), height / 2);
  }
  ImGui::Dummy({width, height});
  ui.text(std::to_string(std::clamp(percent, 0, 100)) + " %");
}

}  // namespace kiosk::ui
