#include "drivers/printer/receipt.hpp"

namespace kiosk::printer {

Receipt Receipt::from_submission(const SubmissionReceipt& submission, std::string center_name,
                                 std::string lookup_hint, std::string qr_payload) {
  Receipt receipt;
  receipt.center_name = std::move(center_name);
  receipt.dossier_code = submission.dossier_code;
  receipt.local_reference = submission.local_reference;
  receipt.pending = submission.pending;
  receipt.notified_by = submission.notified_by;
  receipt.procedure_name = submission.procedure_name;
  receipt.received = submission.received;
  receipt.appointment = submission.appointment;
  for (const auto& [name, reused] : submission.components) {
    receipt.components.push_back({name, reused});
  }
  receipt.lookup_hint = std::move(lookup_hint);
  receipt.qr_payload = std::move(qr_payload);
  return receipt;
}

}  // namespace kiosk::printer
