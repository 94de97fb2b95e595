#pragma once

#include <string>
#include <variant>

#include "kiosk/core/application.hpp"
#include "kiosk/core/chip_access.hpp"
#include "kiosk/core/language.hpp"
#include "kiosk/core/vault_feedback.hpp"

namespace kiosk {

// What the person did on a screen. Screens only ever return these; the
// Session decides what follows.
namespace intent {
struct Begin {};  // touch on the attract screen
struct SetLanguage {
  Language language;
};
struct ToggleLargeText {};
struct ToggleAudio {};
struct RepeatPrompt {};  // "Nghe lại": the prompt of this screen once more
struct Back {};
struct End {};        // "Kết thúc" on every screen
struct StillHere {};  // answer to the idle warning
struct CallStaff {};
struct EnterChipAccess {};  // "no QR": type the card's data
struct SubmitChipAccess {
  ChipAccessInputs inputs;
};
struct CancelCardRead {};
struct AcceptConsent {};
struct DeclineConsent {};
struct OpenNewApplication {};
struct OpenVault {};
struct OpenLookup {};
struct SearchVault {
  std::string query;
};
struct PreviewVaultItem {
  std::string item_code;
};
struct TakePreviewedItem {};  // "Lấy từ kho" after looking at the file
struct ReportPreviewedItem {};
struct SendReport {
  VaultFeedbackReason reason;
};
struct SearchProcedures {
  std::string query;
};
struct PickProcedure {
  std::string code;
};
struct ChooseForComponent {
  std::string component_id;
};
struct ScanForComponent {
  std::string component_id;
};
struct ConfirmScan {};
struct RemoveComponent {
  std::string component_id;
};
struct ChooseCase {
  std::string case_id;
};  // trường hợp giải quyết, when the procedure has several
struct RuleOutMatch {
  std::string component_id;
};  // staff only: the attached or only match is not this citizen's paper
struct ComponentsDone {};
struct ApplicantDone {
  CitizenIdentity applicant;
};
struct DeliveryDone {
  ResultDelivery delivery;
  std::string postal_address;
  NotificationContact contact;
};
struct Submit {};
struct Rate {
  int stars;
};  // 1..5
struct LookupStatus {
  std::string query;
};  // dossier code, 12-digit CCCD or 9-digit CMND number
struct StaffSignIn {
  std::string staff_id;
  std::string pin;
};
struct StaffConfirmIdentity {};
struct StaffSignOut {};
struct Next {};  // the single forward action of a screen (receipt -> rating)
struct Retry {};
struct DismissError {};
}  // namespace intent

using Intent = std::variant<
    intent::Begin, intent::SetLanguage, intent::ToggleLargeText, intent::ToggleAudio, intent::Back,
    intent::End, intent::StillHere, intent::CallStaff, intent::EnterChipAccess, intent::SubmitChipAccess,
    intent::CancelCardRead, intent::AcceptConsent, intent::DeclineConsent, intent::OpenNewApplication,
    intent::OpenVault, intent::OpenLookup, intent::SearchVault, intent::PreviewVaultItem,
    intent::TakePreviewedItem, intent::ReportPreviewedItem, intent::SendReport, intent::SearchProcedures,
    intent::PickProcedure, intent::ChooseForComponent, intent::ScanForComponent, intent::ConfirmScan,
    intent::RemoveComponent, intent::ComponentsDone, intent::ApplicantDone, intent::DeliveryDone,
    intent::Submit, intent::Rate, intent::LookupStatus, intent::StaffSignIn, intent::StaffConfirmIdentity,
    intent::StaffSignOut, intent::Next, intent::Retry, intent::DismissError, intent::RepeatPrompt,
    intent::RuleOutMatch, intent::ChooseCase>;

}  // namespace kiosk
