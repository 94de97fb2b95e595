#include <imgui.h>

#include "screens/screens.hpp"

namespace kiosk::ui {

void draw_report_item(Ui& ui) {
  Forms& forms = ui.forms();
  ui.text(ui.t("report.explain"));
  static constexpr const char* kReasons[] = {"report.wrong_information", "report.not_mine",
                                             "report.not_signed"};
  for (int i = 0; i < 3; ++i) {
    if (ui.row("reason." + std::to_string(i), ui.t(kReasons[i]), "", forms.report_reason == i)) {
      forms.report_reason = i;
    }
  }
  ui.spacing();
  if (ui.view().busy) {
    ui.muted(ui.t("common.sending"));
    return;
  }
  if (forms.report_reason >= 0 && ui.button("report_send", ui.t("report.send"))) {
    ui.emit(intent::SendReport{static_cast<VaultFeedbackReason>(forms.report_reason)});
  }
}

}  // namespace kiosk::ui
