#include <imgui.h>

#include "screens/screens.hpp"

namespace kiosk::ui {

namespace {

void append(std::string& line, const std::string& part) {
  if (!part.empty()) {
    line += (line.empty() ? "" : " · ") + part;
  }
}

}  // namespace

std::string vault_item_details(const Ui& ui, const VaultItem& item) {
  std::string what = ui.t(item.kind == VaultItemKind::Result ? "vault.kind_result" : "vault.kind_input");
  append(what, item.catalog_name);
  append(what, item.vault_type == "personal" ? ui.t("vault.type_personal")
               : item.vault_type == "agency" ? ui.t("vault.type_agency")
                                             : item.vault_type);
  std::string issued = item.issuing_agency;
  if (!item.decision_number.empty()) {
    append(issued, ui.f("vault.decision", {{"number", item.decision_number}}));
  }
  if (item.issue_date) {
    append(issued, ui.f("vault.issued", {{"date", date_text(item.issue_date)}}));
  }
  std::string validity = item.valid_until ? ui.f("vault.valid_until", {{"date", date_text(item.valid_until)}})
                                          : ui.t("vault.valid_unlimited");
  append(validity, item.validity_scope);
  if (item.revoked || item.status == "revoked") {
    append(validity, ui.t("vault.revoked"));
  } else if (item.status == "expired") {
    append(validity, ui.t("vault.expired"));
  } else if (!item.status.empty() && item.status != "valid") {
    append(validity, ui.f("vault.not_usable", {{"status", item.status}}));
  }
  append(validity, ui.f("vault.times_used", {{"count", std::to_string(item.times_used)}}));
  return what + "\n" + issued + "\n" + validity;
}

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
    std::string detail = vault_item_details(ui, *item);
    if (view.reported(item->code)) {
      detail += " · " + ui.t("vault.reported");
    }
    if (ui.row("vault." + item->code, item->name, detail)) {
      ui.emit(intent::PreviewVaultItem{item->code});
    }
  }
}

}  // namespace kiosk::ui
