#include <imgui.h>

#include "screens/screens.hpp"

namespace kiosk::ui {

// The kiosk cannot keep an application safely, so it takes none: a citizen is
// sent to the desk, and a technician sees which part failed to open.
void draw_out_of_service(Ui& ui) {
  ui.spacing(10);
  ui.title(ui.t("out_of_service.title"));
  ui.text(ui.t("out_of_service.body"));
  ui.spacing(6);
  std::string parts;
  for (const auto& part : ui.view().out_of_service) {
    parts += (parts.empty() ? "" : ", ") + part;
  }
  ui.text(ui.f("out_of_service.detail", {{"parts", parts}}));
}

}  // namespace kiosk::ui
