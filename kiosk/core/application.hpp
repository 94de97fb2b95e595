#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "kiosk/core/citizen.hpp"
#include "kiosk/core/civil_date.hpp"
#include "kiosk/core/reuse_rule.hpp"

namespace kiosk {

enum class ResultDelivery { AtOffice, ByPost, Online };  // Hình thức nhận kết quả

// Rule 8: contact details are kept only with the person's explicit consent.
struct NotificationContact {
  bool consent = false;
  std::string phone;  // SMS and Zalo
  std::string email;
  bool sms = false;
  bool zalo = false;
};

// How one required component is satisfied in the application being built.
struct ComponentFill {
  std::string component_id;
  std::string vault_item_code;            // reused: "Dữ liệu được lấy từ kho số hóa"
  std::vector<std::uint8_t> scanned_pdf;  // scanned and signed at the kiosk
  bool attached_automatically = false;

  [[nodiscard]] bool from_vault() const { return !vault_item_code.empty(); }
  [[nodiscard]] bool filled() const { return from_vault() || !scanned_pdf.empty(); }
};

// The hồ sơ as the citizen builds it at the kiosk, before the provincial
// system gives it a dossier code. Personal data; wiped with the session.
struct ApplicationDraft {
  std::string procedure_code;
  std::string procedure_name;
  std::string case_id;    // trường hợp giải quyết, the citizen's choice
  std::string agency_id;  // the centre's receiving agency for the procedure
  CitizenIdentity applicant;
  std::vector<ComponentFill> components;
  ResultDelivery delivery = ResultDelivery::AtOffice;
  std::string postal_address;
  NotificationContact contact;

  [[nodiscard]] ComponentFill* component(const std::string& id);
  [[nodiscard]] bool complete(const std::vector<ComponentPlan>& plans) const;
  void wipe();
};

// What the provincial system answered, or what the kiosk promises while the
// application waits in the outbox.
struct SubmissionReceipt {
  std::string dossier_code;     // H34.29.2-230520-0001; empty while pending
  std::string local_reference;  // outbox reference printed while pending
  std::string procedure_name;
  std::optional<CivilDate> received;
  std::optional<CivilDate> appointment;                  // ngày hẹn trả
  std::vector<std::pair<std::string, bool>> components;  // name, reused from the vault
  bool pending = false;
  // How the citizen agreed to hear of it: "sms", "zalo", "email"; none means
  // the reference is looked up at a kiosk.
  std::vector<std::string> notified_by;
};

// Tra cứu tình trạng hồ sơ (rule 7).
struct DossierStatus {
  std::string dossier_code;     // empty while it waits in this kiosk's outbox
  std::string local_reference;  // KO-…, the pending receipt's reference
  std::string procedure_name;   // procedure, owner and received date: only for the identified owner
  std::string owner_id;
  std::string owner_name;
  std::optional<CivilDate> received;
  std::optional<CivilDate> appointment;
  std::string status;
};

}  // namespace kiosk
