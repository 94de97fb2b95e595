#include <imgui.h>

#include "screens/screens.hpp"

namespace kiosk::ui {

void draw_procedure_search(Ui& ui) {
  const auto& view = ui.view();
  Forms& forms = ui.forms();
  ui.field("field.procedure_query", ui.t("procedure.search"), forms.procedure_query);
  if (forms.procedure_query.value != view.procedure_query) {
    ui.emit(intent::SearchProcedures{forms.procedure_query.value});
  }
  const auto procedures = view.visible_procedures();
  if (view.procedures.empty()) {
    ui.muted(ui.t("common.loading"));
  } else if (procedures.empty()) {
    ui.muted(ui.t("procedure.none"));
  }
  for (const Procedure* procedure : procedures) {
    if (ui.row("procedure." + procedure->code, procedure->name, procedure->field)) {
      ui.emit(intent::PickProcedure{procedure->code});
    }
  }
}

}  // namespace kiosk::ui
