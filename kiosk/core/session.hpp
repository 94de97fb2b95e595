#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <vector>

#include "kiosk/core/device_event.hpp"
#include "kiosk/core/effect.hpp"
#include "kiosk/core/intent.hpp"
#include "kiosk/core/session_view.hpp"

namespace kiosk {

struct IdlePolicy {
  std::chrono::seconds warn_after{60};   // no touch for this long: show the warning
  std::chrono::seconds countdown{20};    // then wipe unless "I'm still here"
  std::chrono::seconds ended_screen{8};  // how long the wipe explanation stays
};

// The kiosk's journey as a state machine. Pure: it never touches a device, the
// network or a clock; time and today's date come in, effects go out.
class Session {
 public:
  using Clock = std::chrono::steady_clock;

  Session(IdlePolicy policy, std::function<CivilDate()> today);

  std::vector<Effect> handle(const Intent& intent, Clock::time_point now);
  std::vector<Effect> handle(const DeviceEvent& event, Clock::time_point now);
  // Advances the idle warning and the ended screen; returns the wipe effects
  // when the countdown runs out.
  std::vector<Effect> tick(Clock::time_point now);

  // When tick() next needs to run, so the main loop can sleep until then.
  [[nodiscard]] std::optional<Clock::time_point> next_deadline() const;
  [[nodiscard]] const SessionView& view() const { return view_; }

 private:
  void go(Screen screen, std::vector<Effect>& effects);
  void end_session(EndReason reason, std::vector<Effect>& effects);
  void wipe_personal_data();
  void forget_chip_read();  // a failed or foreign chip read leaves nothing behind
  void start_chip_read_if_ready(std::vector<Effect>& effects);
  void pick_procedure(const std::string& code, std::vector<Effect>& effects);
  void attach(const std::string& component_id, const std::string& item_code, bool automatically);
  void verify_automatic_match(ComponentPlan& plan, std::vector<Effect>& effects);
  void set_aside_item(const std::string& item_code, SetAsideReason reason, std::vector<Effect>& effects);
  void fail(Error error, std::unique_ptr<Effect> retry = nullptr);
  [[nodiscard]] Screen back_target() const;
  [[nodiscard]] bool session_active() const;
  [[nodiscard]] bool lookup_in_flight() const;

  void on(const intent::Begin&, std::vector<Effect>& effects);
  void on(const intent::SetLanguage& i, std::vector<Effect>& effects);
  void on(const intent::ToggleLargeText&, std::vector<Effect>& effects);
  void on(const intent::ToggleAudio&, std::vector<Effect>& effects);
  void on(const intent::RepeatPrompt&, std::vector<Effect>& effects);
  void on(const intent::Back&, std::vector<Effect>& effects);
  void on(const intent::End&, std::vector<Effect>& effects);
  void on(const intent::StillHere&, std::vector<Effect>& effects);
  void on(const intent::CallStaff&, std::vector<Effect>& effects);
  void on(const intent::EnterChipAccess&, std::vector<Effect>& effects);
  void on(const intent::SubmitChipAccess& i, std::vector<Effect>& effects);
  void on(const intent::CancelCardRead&, std::vector<Effect>& effects);
  void on(const intent::AcceptConsent&, std::vector<Effect>& effects);
  void on(const intent::DeclineConsent&, std::vector<Effect>& effects);
  void on(const intent::OpenNewApplication&, std::vector<Effect>& effects);
  void on(const intent::OpenVault&, std::vector<Effect>& effects);
  void on(const intent::OpenLookup&, std::vector<Effect>& effects);
  void on(const intent::SearchVault& i, std::vector<Effect>& effects);
  void on(const intent::PreviewVaultItem& i, std::vector<Effect>& effects);
  void on(const intent::TakePreviewedItem&, std::vector<Effect>& effects);
  void on(const intent::ReportPreviewedItem&, std::vector<Effect>& effects);
  void on(const intent::SendReport& i, std::vector<Effect>& effects);
  void on(const intent::SearchProcedures& i, std::vector<Effect>& effects);
  void on(const intent::PickProcedure& i, std::vector<Effect>& effects);
  void on(const intent::ChooseForComponent& i, std::vector<Effect>& effects);
  void on(const intent::ScanForComponent& i, std::vector<Effect>& effects);
  void on(const intent::ConfirmScan&, std::vector<Effect>& effects);
  void on(const intent::RemoveComponent& i, std::vector<Effect>& effects);
  void on(const intent::RuleOutMatch& i, std::vector<Effect>& effects);
  void on(const intent::ChooseCase& i, std::vector<Effect>& effects);
  void choose_case(const ProcedureCase& chosen);
  void on(const intent::ComponentsDone&, std::vector<Effect>& effects);
  void on(const intent::ApplicantDone& i, std::vector<Effect>& effects);
  void on(const intent::DeliveryDone& i, std::vector<Effect>& effects);
  void on(const intent::Submit&, std::vector<Effect>& effects);
  void on(const intent::Rate& i, std::vector<Effect>& effects);
  void on(const intent::LookupStatus& i, std::vector<Effect>& effects);
  void on(const intent::StaffSignIn& i, std::vector<Effect>& effects);
  void on(const intent::StaffConfirmIdentity&, std::vector<Effect>& effects);
  void on(const intent::StaffSignOut&, std::vector<Effect>& effects);
  void on(const intent::Next&, std::vector<Effect>& effects);
  void on(const intent::Retry&, std::vector<Effect>& effects);
  void on(const intent::DismissError&, std::vector<Effect>& effects);

  void on(const event::CardPresented&, std::vector<Effect>& effects);
  void on(const event::CardRemoved&, std::vector<Effect>& effects);
  void on(const event::QrIdentity& e, std::vector<Effect>& effects);
  void on(const event::QrRejected& e, std::vector<Effect>& effects);
  void on(const event::DossierCodeRead& e, std::vector<Effect>& effects);
  void on(const event::ChipIdentityRead& e, std::vector<Effect>& effects);
  void on(const event::ChipFaceRead& e, std::vector<Effect>& effects);
  void on(const event::ChipVerified& e, std::vector<Effect>& effects);
  void on(const event::ChipReadFailed& e, std::vector<Effect>& effects);
  void on(const event::ReadProgress& e, std::vector<Effect>& effects);
  void on(const event::VaultLoaded& e, std::vector<Effect>& effects);
  void on(const event::ProceduresLoaded& e, std::vector<Effect>& effects);
  void on(const event::DocumentLoaded& e, std::vector<Effect>& effects);
  void on(const event::VaultItemChecked& e, std::vector<Effect>& effects);
  void on(const event::ComponentScanned& e, std::vector<Effect>& effects);
  void on(const event::SubmissionDone& e, std::vector<Effect>& effects);
  void on(const event::StatusFound& e, std::vector<Effect>& effects);
  void on(const event::FeedbackSent&, std::vector<Effect>& effects);
  void on(const event::StaffAuthenticated& e, std::vector<Effect>& effects);
  void on(const event::ReceiptPrinted&, std::vector<Effect>& effects);
  void on(const event::OperationFailed& e, std::vector<Effect>& effects);
  void on(const event::ServiceUnavailable& e, std::vector<Effect>& effects);
  void on(const event::OutboxChanged& e, std::vector<Effect>& effects);

  IdlePolicy policy_;
  std::function<CivilDate()> today_;
  SessionView view_;
  Clock::time_point last_activity_{};
  std::optional<Clock::time_point> ended_at_;
  // On the heap so that releasing it zeroes it: a submission carries the
  // whole application, in short strings held inside the object itself.
  std::unique_ptr<Effect> retry_;
  Screen before_staff_ = Screen::Attract;
  Screen preview_return_ = Screen::Vault;
};

}  // namespace kiosk
