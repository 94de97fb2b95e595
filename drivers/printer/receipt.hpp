#pragma once

#include <optional>
#include <string>
#include <vector>

#include "kiosk/core/application.hpp"
#include "kiosk/core/civil_date.hpp"

namespace kiosk::printer {

struct ReceiptComponent {
  std::string name;
  bool reused_from_vault = false;  // "Dữ liệu được lấy từ kho số hóa" (rule 4)
};

// Everything printed on the citizen's receipt (phiếu tiếp nhận), once for
// every backend: thermal printer, PNG and PDF.
struct Receipt {
  std::string center_name;      // Trung tâm Phục vụ hành chính công …
  std::string dossier_code;     // empty while the application waits in the outbox
  std::string local_reference;  // outbox reference, printed while pending
  bool pending = false;
  std::vector<std::string> notified_by;  // "sms", "zalo", "email": what the citizen agreed to
  std::string procedure_name;
  std::optional<CivilDate> received;
  std::optional<CivilDate> appointment;  // ngày hẹn trả
  std::vector<ReceiptComponent> components;
  std::string lookup_hint;  // how to look the dossier up (site, hotline)
  std::string qr_payload;   // status-lookup URL or code; no QR when empty

  static Receipt from_submission(const SubmissionReceipt& submission, std::string center_name,
                                 std::string lookup_hint, std::string qr_payload);
};

}  // namespace kiosk::printer
