#include <imgui.h>

#include "screens/screens.hpp"

namespace kiosk::ui {

void draw_identify(Ui& ui) {
  const auto& view = ui.view();
  ui.title(ui.t("identify.heading"));
  ui.spacing();
  ui.text(ui.t("identify.tap_card"));
  ui.text(ui.t("identify.show_qr"));
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
