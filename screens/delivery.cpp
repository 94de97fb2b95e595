#include <imgui.h>

#include "screens/screens.hpp"

namespace kiosk::ui {

void draw_delivery(Ui& ui) {
  Forms& forms = ui.forms();
  ui.text(ui.t("delivery.how"));
  static constexpr std::pair<ResultDelivery, const char*> kWays[] = {
      {ResultDelivery::AtOffice, "delivery.at_office"},
      {ResultDelivery::ByPost, "delivery.by_post"},
      {ResultDelivery::Online, "delivery.online"},
  };
  for (const auto& [way, key] : kWays) {
    if (ui.row(std::string("delivery.") + std::to_string(static_cast<int>(way)), ui.t(key), "",
               forms.delivery == way)) {
      forms.delivery = way;
    }
  }
  if (forms.delivery == ResultDelivery::ByPost) {
    ui.field("field.postal_address", ui.t("delivery.address"), forms.postal_address);
  }
  ui.spacing();
  ui.text(ui.t("delivery.contact_explain"));
  if (ui.toggle("contact_consent", ui.t("delivery.contact_consent"), forms.contact_consent)) {
    forms.contact_consent = !forms.contact_consent;
  }
  if (forms.contact_consent) {
    ui.field("field.phone", ui.t("delivery.phone"), forms.phone);
    ui.field("field.email", ui.t("delivery.email"), forms.email);
    if (ui.toggle("contact_sms", ui.t("delivery.sms"), forms.sms)) {
      forms.sms = !forms.sms;
    }
    ImGui::SameLine();
    if (ui.toggle("contact_zalo", ui.t("delivery.zalo"), forms.zalo)) {
      forms.zalo = !forms.zalo;
    }
  }
  ui.spacing();
  if (ui.button("delivery_done", ui.t("common.continue"))) {
    NotificationContact contact;
    if (forms.contact_consent) {
      contact = {true, forms.phone.value, forms.email.value, forms.sms, forms.zalo};
    }
    ui.emit(intent::DeliveryDone{forms.delivery, forms.postal_address.value, contact});
  }
}

}  // namespace kiosk::ui
