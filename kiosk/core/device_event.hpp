#pragma once

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "kiosk/core/application.hpp"
#include "kiosk/core/chip_access.hpp"
#include "kiosk/core/citizen.hpp"
#include "kiosk/core/error.hpp"
#include "kiosk/core/procedure.hpp"
#include "kiosk/core/signature_verdict.hpp"
#include "kiosk/core/vault_item.hpp"

namespace kiosk {

// What drivers and the provincial API report back, always off the UI thread
// first and delivered to the Session by the main loop.
namespace event {
struct CardPresented {};
struct CardRemoved {};
struct QrIdentity {
  CitizenIdentity citizen;
  ChipAccessInputs access;
};
struct QrRejected {
  Error error;
};
struct DossierCodeRead {
  std::string code;
};  // the kiosk's own receipt QR, for the status lookup
struct ChipIdentityRead {
  CitizenIdentity citizen;
};  // DG1 + DG13, before the face
struct ChipFaceRead {
  std::vector<std::uint8_t> rgba;
  int width = 0;
  int height = 0;
};
struct ChipVerified {
  ChipVerification verification;
};
struct ChipReadFailed {
  Error error;
};
struct ReadProgress {
  int percent = 0;
};
struct VaultLoaded {
  std::vector<VaultItem> items;
};
struct ProceduresLoaded {
  std::vector<Procedure> procedures;
};
struct DocumentLoaded {
  std::string item_code;
  std::vector<std::uint8_t> pdf;
  SignatureVerdict verdict = SignatureVerdict::Unreadable;
  std::string signer;
};
struct VaultItemChecked {
  std::string item_code;
  SignatureVerdict verdict = SignatureVerdict::Unreadable;
};  // the signature check of an automatic match
struct ComponentScanned {
  std::string component_id;
  std::vector<std::uint8_t> signed_pdf;
  int pages = 0;
};
struct SubmissionDone {
  SubmissionReceipt receipt;
};  // accepted, or queued in the outbox
struct StatusFound {
  std::vector<DossierStatus> dossiers;
};
struct FeedbackSent {};
struct StaffAuthenticated {
  std::string staff_name;
};
struct ReceiptPrinted {};
struct OperationFailed {
  Error error;
};  // any async call above
struct OutboxChanged {
  std::int64_t pending = 0;  // sent again automatically once the API answers
  std::int64_t held = 0;     // refused by the server, waiting for staff
};                           // counts only, reported by the background sender
// Something an application cannot be kept without (the audit log, the outbox
// and its key, the document trust anchors, the scan signing key) failed to
// open at start-up. Names are technical, for technicians; nothing personal.
struct ServiceUnavailable {
  std::vector<std::string> missing;
};
}  // namespace event

using DeviceEvent =
    std::variant<event::CardPresented, event::CardRemoved, event::QrIdentity, event::QrRejected,
                 event::DossierCodeRead, event::ChipIdentityRead, event::ChipFaceRead, event::ChipVerified,
                 event::ChipReadFailed, event::ReadProgress, event::VaultLoaded, event::ProceduresLoaded,
                 event::DocumentLoaded, event::VaultItemChecked, event::ComponentScanned,
                 event::SubmissionDone, event::StatusFound, event::FeedbackSent, event::StaffAuthenticated,
                 event::ReceiptPrinted, event::OperationFailed, event::OutboxChanged,
                 event::ServiceUnavailable>;

}  // namespace kiosk
