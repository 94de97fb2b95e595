#include <imgui.h>

#include "screens/screens.hpp"

namespace kiosk::ui {

void draw_lookup(Ui& ui) {
  Forms& forms = ui.forms();
  ui.text(ui.t("lookup.explain"));
  ui.field("field.lookup_query", ui.t("lookup.query"), forms.lookup_query);
  ui.spacing();
  if (ui.view().busy) {
    ui.muted(ui.t("common.loading"));
    return;
  }
  if (ui.button("lookup_search", ui.t("lookup.search")) && !forms.lookup_query.value.empty()) {
    ui.emit(intent::LookupStatus{forms.lookup_query.value});
  }
}

}  // namespace kiosk::ui
