#include <imgui.h>

#include "screens/screens.hpp"

namespace kiosk::ui {

void draw_lookup(Ui& ui) {
  Forms& forms = ui.forms();
  const SessionView& view = ui.view();
  ui.text(ui.t("lookup.explain"));
  ui.spacing();
  camera_preview(ui, ui.metrics().px(40));
  ui.spacing();
  // A receipt QR read by the camera looks the code up at once; the field
  // shows which code that was, as if it had been typed.
  if (view.busy && !view.lookup_query.empty() && forms.lookup_query.value != view.lookup_query) {
    forms.lookup_query.value = view.lookup_query;
  }
  ui.field("field.lookup_query", ui.t("lookup.query"), forms.lookup_query);
  ui.spacing();
  if (view.busy) {
    ui.muted(ui.t("common.loading"));
    return;
  }
  if (ui.button("lookup_search", ui.t("lookup.search")) && !forms.lookup_query.value.empty()) {
    ui.emit(intent::LookupStatus{forms.lookup_query.value});
  }
}

}  // namespace kiosk::ui
