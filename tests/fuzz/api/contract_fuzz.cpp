// Every reader of provincial API answers, and the outbox decoder, on arbitrary bytes.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "kiosk/api/application_codec.hpp"
#include "kiosk/api/contract.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace kiosk::api::contract;
  const std::string_view body(reinterpret_cast<const char*>(data), size);
  (void)parse_citizen(body);
  (void)parse_vault_item_list(body);
  (void)parse_procedure_list(body);
  (void)parse_procedure(body);
  (void)parse_agency_list(body);
  (void)parse_dossier(body);
  (void)parse_dossier_component(body);
  (void)parse_upload(body);
  (void)parse_receipt(body);
  (void)parse_dossier_status(body);
  (void)parse_dossier_status_list(body);
  (void)parse_feedback(body);
  (void)parse_notification_contact(body);
  (void)parse_problem(body);
  (void)kiosk::api::decode_application({data, size});
  return 0;
}
