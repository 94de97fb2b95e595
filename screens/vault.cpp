#include <imgui.h>

#include "screens/screens.hpp"

namespace kiosk::ui {

void draw_vault(Ui& ui) {
  const auto& view = ui.view();
  Forms& forms = ui.forms();
  ui.field("field.vault_query", ui.t("vault.search"), forms.vault_query);
  if (forms.vault_query.value != view.vault_query) {
    ui.emit(intent::SearchVault{forms.vault_query.value});
  }
  if (view.busy) {
    ui.muted(ui.t("common.loading"));
  }
  const auto items = view.visible_vault();
  if (items.empty() && !view.busy) {
    ui.muted(ui.t("vault.empty"));
  }
  for (const VaultItem* item : items) {
    std::string detail =
        item->catalog_name + " · " + item->issuing_agency + " · " + date_text(item->issue_date);
    if (item->revoked) {
      detail += " · " + ui.t("vault.revoked");
    }
    if (ui.row("vault." + item->code, item->name, detail)) {
      ui.emit(intent::PreviewVaultItem{item->code});
    }
  }
}

}  // namespace kiosk::ui
