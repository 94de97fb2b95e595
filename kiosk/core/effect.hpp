#pragma once

#include <string>
#include <variant>

#include "kiosk/core/application.hpp"
#include "kiosk/core/chip_access.hpp"
#include "kiosk/core/vault_feedback.hpp"

namespace kiosk {

// Work the Session asks the application to start. Each runs off the UI thread
// and answers with a DeviceEvent.
namespace effect {
struct StartQrScan {};
struct StopQrScan {};
struct ReadChip {
  ChipAccessInputs access;
};
struct CancelChipRead {};
struct LoadVault {
  std::string owner_id;
};
struct LoadProcedures {};
struct LoadDocument {
  std::string item_code;
};
struct VerifyVaultItem {
  std::string item_code;
};  // fetch the file and check its signature, without showing it
struct StartScan {
  std::string component_id;
};
struct SubmitApplication {
  ApplicationDraft draft;
};
struct LookupStatus {
  std::string query;
};
struct SendFeedback {
  std::string item_code;
  VaultFeedbackReason reason;
};
struct SendRating {
  int stars = 0;
  std::string dossier_code;  // empty when nothing was submitted
};
struct PrintReceipt {
  SubmissionReceipt receipt;
};
struct AuthenticateStaff {
  std::string staff_id;
  std::string pin;
};
struct PlayPrompt {
  std::string prompt;
};                     // audio guidance for the screen shown
struct StopPrompt {};  // audio guidance switched off: silence now
struct Audit {
  std::string action;
  std::string subject_id;
  std::string outcome;
};                      // subject hashed by the store
struct WipeSession {};  // drop every driver buffer, texture and cache of the session
}  // namespace effect

using Effect =
    std::variant<effect::StartQrScan, effect::StopQrScan, effect::ReadChip, effect::CancelChipRead,
                 effect::LoadVault, effect::LoadProcedures, effect::LoadDocument, effect::VerifyVaultItem,
                 effect::StartScan, effect::SubmitApplication, effect::LookupStatus, effect::SendFeedback,
                 effect::SendRating, effect::PrintReceipt, effect::AuthenticateStaff, effect::PlayPrompt,
                 effect::StopPrompt, effect::Audit, effect::WipeSession>;

}  // namespace kiosk
