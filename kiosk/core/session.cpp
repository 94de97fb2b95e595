#include "kiosk/core/session.hpp"

#include <algorithm>

#include "kiosk/core/secure_wipe.hpp"

namespace kiosk {
namespace {

std::string prompt_for(Screen screen) {
  return std::string(screen_name(screen));
}

void wipe_vault_item(VaultItem& item) {
  for (std::string* field : {&item.code, &item.name, &item.owner_id, &item.decision_number, &item.summary}) {
    secure_wipe(*field);
  }
}

bool is_twelve_digits(const std::string& text) {
  return text.size() == 12 &&
         std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

Session::Session(IdlePolicy policy, std::function<CivilDate()> today)
    : policy_(policy), today_(std::move(today)) {}

std::vector<Effect> Session::handle(const Intent& intent, Clock::time_point now) {
  std::vector<Effect> effects;
  if (view_.screen == Screen::OutOfService) {
    // Nobody can start what the kiosk could not keep; only the language and
    // text size of the notice still change.
    if (std::holds_alternative<intent::SetLanguage>(intent) ||
        std::holds_alternative<intent::ToggleLargeText>(intent)) {
      std::visit([&](const auto& i) { on(i, effects); }, intent);
    }
    return effects;
  }
  last_activity_ = now;
  // Any touch answers the idle warning; the card-removed question needs an answer.
  view_.idle_seconds_left.reset();
  std::visit([&](const auto& i) { on(i, effects); }, intent);
  // However the session ended (finished, "End", consent declined), the
  // explanation stays for its time and then the attract screen returns.
  if (view_.screen == Screen::SessionEnded && !ended_at_) {
    ended_at_ = now;
  }
  return effects;
}

std::vector<Effect> Session::handle(const DeviceEvent& event, Clock::time_point now) {
  std::vector<Effect> effects;
  if (view_.screen == Screen::OutOfService && !std::holds_alternative<event::OutboxChanged>(event)) {
    return effects;
  }
  const bool was_active = session_active();
  const bool card_moved = std::holds_alternative<event::CardPresented>(event) ||
                          std::holds_alternative<event::CardRemoved>(event);
  std::visit([&](const auto& e) { on(e, effects); }, event);
  // Placing or removing the card is an action of the person, and so is the
  // card or QR that starts a session: idle time counts from it, not from the
  // last touch of someone before.
  if (session_active() && (card_moved || !was_active)) {
    last_activity_ = now;
  }
  return effects;
}

std::vector<Effect> Session::tick(Clock::time_point now) {
  std::vector<Effect> effects;
  if (view_.screen == Screen::SessionEnded) {
    if (ended_at_ && now - *ended_at_ >= policy_.ended_screen) {
      ended_at_.reset();
      view_.ended = EndReason::None;
      view_.screen = Screen::Attract;
    }
    return effects;
  }
  // A submission in flight is never interrupted; its receipt still has to be shown.
  if (!session_active() || view_.screen == Screen::Submitting) {
    return effects;
  }
  const auto idle = now - last_activity_;
  const auto warn_after =
      view_.card_removed_prompt ? Clock::duration::zero() : Clock::duration(policy_.warn_after);
  if (idle < warn_after) {
    view_.idle_seconds_left.reset();
    return effects;
  }
  const auto left = warn_after + policy_.countdown - idle;
  if (left <= Clock::duration::zero()) {
    end_session(view_.card_removed_prompt ? EndReason::CardRemoved : EndReason::Idle, effects);
    ended_at_ = now;
    return effects;
  }
  view_.idle_seconds_left = static_cast<int>(std::chrono::ceil<std::chrono::seconds>(left).count());
  return effects;
}

std::optional<Session::Clock::time_point> Session::next_deadline() const {
  if (view_.screen == Screen::SessionEnded) {
    return ended_at_ ? std::optional(*ended_at_ + policy_.ended_screen) : std::nullopt;
  }
  if (!session_active() || view_.screen == Screen::Submitting) {
    return std::nullopt;
  }
  const auto warn_after =
      view_.card_removed_prompt ? Clock::duration::zero() : Clock::duration(policy_.warn_after);
  const auto warn_at = last_activity_ + warn_after;
  if (!view_.idle_seconds_left && !view_.card_removed_prompt) {
    return warn_at;
  }
  // While the countdown shows, wake every second to redraw it.
  const auto shown = policy_.countdown - std::chrono::seconds(view_.idle_seconds_left.value_or(0));
  return warn_at + shown + std::chrono::seconds(1);
}

bool Session::session_active() const {
  return view_.screen != Screen::Attract && view_.screen != Screen::SessionEnded &&
         view_.screen != Screen::OutOfService;
}

void Session::go(Screen screen, std::vector<Effect>& effects) {
  view_.screen = screen;
  view_.error.reset();
  if (view_.audio) {
    effects.emplace_back(effect::PlayPrompt{prompt_for(screen)});
  }
}

void Session::fail(Error error, std::unique_ptr<Effect> retry) {
  view_.busy = false;
  view_.error = std::move(error);
  retry_ = std::move(retry);
}

void Session::end_session(EndReason reason, std::vector<Effect>& effects) {
  if (view_.screen == Screen::ReadingCard) {
    effects.emplace_back(effect::CancelChipRead{});
  }
  effects.emplace_back(effect::StopQrScan{});
  effects.emplace_back(effect::Audit{"session_end", "",
                                     std::string(reason == EndReason::Idle              ? "idle"
                                                 : reason == EndReason::CardRemoved     ? "card_removed"
                                                 : reason == EndReason::Finished        ? "finished"
                                                 : reason == EndReason::ConsentDeclined ? "consent_declined"
                                                                                        : "ended")});
  effects.emplace_back(effect::WipeSession{});
  wipe_personal_data();
  view_.ended = reason;
  view_.screen = Screen::SessionEnded;
}

void Session::wipe_personal_data() {
  const bool card_present = view_.card_present;
  view_.identity.citizen.wipe();
  if (view_.chip_access) {
    secure_wipe(view_.chip_access->id_number);
  }
  secure_wipe(view_.face_rgba);
  for (auto& item : view_.vault) {
    wipe_vault_item(item);
  }
  for (auto& plan : view_.plans) {
    for (auto& item : plan.candidates) {
      wipe_vault_item(item);
    }
  }
  for (auto& plan : view_.plans) {
    secure_wipe(plan.verifying);
    for (auto& item : plan.set_aside) {
      secure_wipe(item.code);
      secure_wipe(item.name);
    }
  }
  for (auto& code : view_.reported_items) {
    secure_wipe(code);
  }
  secure_wipe(view_.preview.pdf);
  secure_wipe(view_.vault_query);
  secure_wipe(view_.lookup_query);
  view_.draft.wipe();
  for (auto& status : view_.lookup_results) {
    secure_wipe(status.owner_name);
    secure_wipe(status.owner_id);
  }
  if (view_.receipt) {
    secure_wipe(view_.receipt->dossier_code);
  }
  const auto outbox_pending = view_.outbox_pending;
  const auto outbox_held = view_.outbox_held;
  view_ = SessionView{};
  view_.card_present = card_present;
  view_.outbox_pending = outbox_pending;
  view_.outbox_held = outbox_held;
  retry_.reset();
}

bool Session::lookup_in_flight() const {
  return view_.screen == Screen::Lookup && view_.busy && !view_.lookup_query.empty();
}

void Session::forget_chip_read() {
  view_.identity.citizen.wipe();
  view_.identity = {};
  secure_wipe(view_.face_rgba);
}

Screen Session::back_target() const {
  switch (view_.screen) {
    case Screen::Identify:
    case Screen::Lookup:
      return view_.identity.may_open_vault() ? Screen::Home : Screen::Attract;
    case Screen::ChipAccess:
    case Screen::AwaitStaff:
      return Screen::Identify;
    case Screen::Vault:
    case Screen::ProcedureSearch:
      return Screen::Home;
    case Screen::LookupResult:
      return Screen::Lookup;
    case Screen::DocumentPreview:
      return preview_return_;
    case Screen::ReportItem:
      return Screen::DocumentPreview;
    case Screen::Components:
      return Screen::ProcedureSearch;
    case Screen::ChooseItem:
    case Screen::Scan:
      return Screen::Components;
    case Screen::ApplicantDetails:
      return Screen::Components;
    case Screen::Delivery:
      return Screen::ApplicantDetails;
    case Screen::Review:
      return Screen::Delivery;
    case Screen::StaffLogin:
      return before_staff_;
    default:
      return view_.screen;
  }
}

// ---- intents -------------------------------------------------------------

void Session::on(const intent::Begin&, std::vector<Effect>& effects) {
  if (view_.screen == Screen::Attract || view_.screen == Screen::SessionEnded) {
    ended_at_.reset();
    view_.ended = EndReason::None;
    effects.emplace_back(effect::Audit{"session_start", "", ""});
    effects.emplace_back(effect::StartQrScan{});
    go(Screen::Identify, effects);
  }
}

void Session::on(const intent::SetLanguage& i, std::vector<Effect>&) {
  view_.language = i.language;
}
void Session::on(const intent::ToggleLargeText&, std::vector<Effect>&) {
  view_.large_text = !view_.large_text;
}

void Session::on(const intent::ToggleAudio&, std::vector<Effect>& effects) {
  view_.audio = !view_.audio;
  if (view_.audio) {
    effects.emplace_back(effect::PlayPrompt{prompt_for(view_.screen)});
  } else {
    effects.emplace_back(effect::StopPrompt{});
  }
}

void Session::on(const intent::RepeatPrompt&, std::vector<Effect>& effects) {
  if (view_.audio) {
    effects.emplace_back(effect::PlayPrompt{prompt_for(view_.screen)});
  }
}

void Session::on(const intent::Back&, std::vector<Effect>& effects) {
  const Screen target = back_target();
  if (target == view_.screen) {
    return;
  }
  if (view_.screen == Screen::Components) {
    view_.procedure.reset();
    view_.plans.clear();
    view_.draft.wipe();
  }
  if (target == Screen::Attract) {
    end_session(EndReason::Ended, effects);
    return;
  }
  if (target == Screen::Identify) {
    effects.emplace_back(effect::StartQrScan{});
  }
  go(target, effects);
}

void Session::on(const intent::End&, std::vector<Effect>& effects) {
  if (session_active()) {
    end_session(view_.card_removed_prompt ? EndReason::CardRemoved : EndReason::Ended, effects);
  }
}

void Session::on(const intent::StillHere&, std::vector<Effect>&) {
  view_.card_removed_prompt = false;
}

void Session::on(const intent::CallStaff&, std::vector<Effect>& effects) {
  if (view_.screen == Screen::StaffLogin) {
    return;
  }
  effects.emplace_back(effect::Audit{"call_staff", "", std::string(screen_name(view_.screen))});
  if (view_.screen == Screen::Identify && view_.identity.source == IdentitySource::QrCode) {
    before_staff_ = Screen::AwaitStaff;
  } else {
    before_staff_ = view_.screen == Screen::Attract ? Screen::Identify : view_.screen;
  }
  if (!view_.staff_name.empty()) {
    go(before_staff_, effects);
    return;
  }
  go(Screen::StaffLogin, effects);
}

void Session::on(const intent::EnterChipAccess&, std::vector<Effect>& effects) {
  if (view_.screen == Screen::Identify) {
    go(Screen::ChipAccess, effects);
  }
}

void Session::on(const intent::SubmitChipAccess& i, std::vector<Effect>& effects) {
  if (view_.screen != Screen::ChipAccess) {
    return;
  }
  if (!is_twelve_digits(i.inputs.id_number)) {
    fail({ErrorCode::InvalidInput, "id number must have 12 digits"});
    return;
  }
  view_.chip_access = i.inputs;
  go(Screen::Identify, effects);
  start_chip_read_if_ready(effects);
}

void Session::on(const intent::CancelCardRead&, std::vector<Effect>& effects) {
  if (view_.screen == Screen::ReadingCard) {
    effects.emplace_back(effect::CancelChipRead{});
    forget_chip_read();
    go(Screen::Identify, effects);
  }
}

void Session::on(const intent::AcceptConsent&, std::vector<Effect>& effects) {
  if (view_.screen != Screen::Consent) {
    return;
  }
  effects.emplace_back(effect::Audit{"consent", view_.identity.citizen.id_number, "accepted"});
  effects.emplace_back(effect::LoadVault{view_.identity.citizen.id_number});
  effects.emplace_back(effect::LoadProcedures{});
  view_.busy = true;
  go(Screen::Home, effects);
}

void Session::on(const intent::DeclineConsent&, std::vector<Effect>& effects) {
  if (view_.screen == Screen::Consent) {
    end_session(EndReason::ConsentDeclined, effects);
  }
}

void Session::on(const intent::OpenNewApplication&, std::vector<Effect>& effects) {
  if (view_.screen == Screen::Home) {
    view_.procedure_query.clear();
    go(Screen::ProcedureSearch, effects);
  }
}

void Session::on(const intent::OpenVault&, std::vector<Effect>& effects) {
  if (view_.screen == Screen::Home) {
    go(Screen::Vault, effects);
  }
}

void Session::on(const intent::OpenLookup&, std::vector<Effect>& effects) {
  if (view_.screen == Screen::Home || view_.screen == Screen::Attract) {
    if (view_.screen == Screen::Attract) {
      effects.emplace_back(effect::Audit{"session_start", "", "lookup"});
    }
    effects.emplace_back(effect::StartQrScan{});
    go(Screen::Lookup, effects);
  }
}

void Session::on(const intent::Rate& i, std::vector<Effect>& effects) {
  if (view_.screen != Screen::Rating || i.stars < 1 || i.stars > 5) {
    return;
  }
  effects.emplace_back(effect::Audit{"rating", "", std::to_string(i.stars)});
  // The province collects satisfaction with its services; the rating goes
  // with the dossier it is about, and nothing personal.
  effects.emplace_back(effect::SendRating{
      i.stars, view_.receipt && !view_.receipt->pending ? view_.receipt->dossier_code : ""});
  end_session(EndReason::Finished, effects);
}

void Session::on(const intent::LookupStatus& i, std::vector<Effect>& effects) {
  if (view_.screen != Screen::Lookup || i.query.empty()) {
    return;
  }
  // An ID number is the 12-digit CCCD or the 9-digit CMND of older records.
  if (std::all_of(i.query.begin(), i.query.end(), [](char c) { return c >= '0' && c <= '9'; }) &&
      i.query.size() != 12 && i.query.size() != 9) {
    fail({ErrorCode::InvalidInput, "id number must have 9 or 12 digits"});
    return;
  }
  view_.lookup_query = i.query;
  Effect lookup = effect::LookupStatus{i.query};
  effects.push_back(lookup);
  retry_ = std::make_unique<Effect>(lookup);
  view_.busy = true;
}

void Session::on(const intent::StaffSignIn& i, std::vector<Effect>& effects) {
  if (view_.screen == Screen::StaffLogin) {
    effects.emplace_back(effect::AuthenticateStaff{i.staff_id, i.pin});
    view_.busy = true;
  }
}

void Session::on(const intent::StaffConfirmIdentity&, std::vector<Effect>& effects) {
  if (view_.screen != Screen::AwaitStaff || view_.staff_name.empty() ||
      view_.identity.source != IdentitySource::QrCode) {
    return;
  }
  view_.identity.source = IdentitySource::StaffConfirmed;
  // The staff member is on record (keyed hash) from their sign-in; names never go in clear.
  effects.emplace_back(effect::Audit{"staff_confirm_identity", view_.identity.citizen.id_number, ""});
  effects.emplace_back(effect::StopQrScan{});
  go(Screen::Consent, effects);
}

void Session::on(const intent::StaffSignOut&, std::vector<Effect>& effects) {
  if (!view_.staff_name.empty()) {
    effects.emplace_back(effect::Audit{"staff_sign_out", view_.staff_name, ""});
    view_.staff_name.clear();
  }
}

void Session::on(const intent::Next&, std::vector<Effect>& effects) {
  if (view_.screen == Screen::Receipt) {
    go(Screen::Rating, effects);
  } else if (view_.screen == Screen::SessionEnded) {
    ended_at_.reset();
    view_.ended = EndReason::None;
    view_.screen = Screen::Attract;
  }
}

void Session::on(const intent::Retry&, std::vector<Effect>& effects) {
  if (retry_ && view_.error && view_.error->retriable()) {
    view_.error.reset();
    view_.busy = true;
    effects.push_back(*retry_);
  }
}

void Session::on(const intent::DismissError&, std::vector<Effect>&) {
  view_.error.reset();
}

// ---- events --------------------------------------------------------------

void Session::start_chip_read_if_ready(std::vector<Effect>& effects) {
  if (view_.screen != Screen::Identify || !view_.card_present || !view_.chip_access) {
    return;
  }
  effects.emplace_back(effect::StopQrScan{});
  effects.emplace_back(effect::ReadChip{*view_.chip_access});
  view_.progress_percent = 0;
  view_.busy = true;
  go(Screen::ReadingCard, effects);
}

void Session::on(const event::CardPresented&, std::vector<Effect>& effects) {
  view_.card_present = true;
  view_.card_removed_prompt = false;
  if (view_.screen == Screen::Attract) {
    effects.emplace_back(effect::Audit{"session_start", "", "card"});
    effects.emplace_back(effect::StartQrScan{});
    go(Screen::Identify, effects);
  }
  start_chip_read_if_ready(effects);
}

void Session::on(const event::CardRemoved&, std::vector<Effect>& effects) {
  view_.card_present = false;
  if (view_.screen == Screen::ReadingCard) {
    effects.emplace_back(effect::CancelChipRead{});
    forget_chip_read();
    go(Screen::Identify, effects);
    fail({ErrorCode::CardRemoved, "card removed during read"});
    return;
  }
  if (view_.identity.source == IdentitySource::Chip && session_active() &&
      view_.screen != Screen::Submitting && view_.screen != Screen::Receipt &&
      view_.screen != Screen::Rating) {
    view_.card_removed_prompt = true;
  }
}

void Session::on(const event::QrIdentity& e, std::vector<Effect>& effects) {
  if (view_.screen == Screen::Lookup) {
    fail({ErrorCode::QrNotReceipt, "card qr on the lookup screen"});
    return;
  }
  if (view_.screen == Screen::Attract) {
    effects.emplace_back(effect::Audit{"session_start", "", "qr"});
    go(Screen::Identify, effects);
  }
  if (view_.screen != Screen::Identify) {
    return;
  }
  // A QR of a different person than a chip already read is a mismatch, not an update.
  if (view_.identity.source == IdentitySource::Chip &&
      view_.identity.citizen.id_number != e.citizen.id_number) {
    fail({ErrorCode::QrNotCccd, "qr belongs to another card"});
    return;
  }
  view_.identity.citizen.wipe();
  view_.identity = VerifiedIdentity{e.citizen, IdentitySource::QrCode, ChipVerification::NotRead};
  view_.chip_access = e.access;
  // A good QR answers a problem with the QR; a problem with the card stays
  // on screen until the card is read again.
  if (view_.error && is_qr_error(view_.error->code)) {
    view_.error.reset();
  }
  effects.emplace_back(effect::Audit{"identify", e.citizen.id_number, "qr"});
  start_chip_read_if_ready(effects);
}

void Session::on(const event::QrRejected& e, std::vector<Effect>&) {
  if (view_.screen == Screen::Identify) {
    fail(e.error);
  } else if (view_.screen == Screen::Lookup && !lookup_in_flight()) {
    fail({e.error.code == ErrorCode::QrUnreadable ? ErrorCode::QrUnreadable : ErrorCode::QrNotReceipt,
          e.error.detail});
  }
}

// Reading the receipt's QR is the same as typing its code and pressing "Look up".
void Session::on(const event::DossierCodeRead& e, std::vector<Effect>& effects) {
  if (view_.screen == Screen::Identify) {
    fail({ErrorCode::QrNotCccd, "receipt qr on the identify screen"});
    return;
  }
  if (view_.screen != Screen::Lookup || lookup_in_flight()) {
    return;
  }
  view_.error.reset();
  on(intent::LookupStatus{e.code}, effects);
}

void Session::on(const event::ChipIdentityRead& e, std::vector<Effect>&) {
  if (view_.screen != Screen::ReadingCard) {
    return;
  }
  // The chip decides: a QR read earlier must be of the same card.
  if (view_.chip_access && view_.chip_access->id_number != e.citizen.id_number) {
    view_.identity.citizen.wipe();
    view_.identity = {};
    return;
  }
  view_.identity.citizen.wipe();
  view_.identity = VerifiedIdentity{e.citizen, IdentitySource::Chip, ChipVerification::NotRead};
}

void Session::on(const event::ChipFaceRead& e, std::vector<Effect>&) {
  if (view_.screen == Screen::ReadingCard) {
    view_.face_rgba = e.rgba;
    view_.face_width = e.width;
    view_.face_height = e.height;
  }
}

void Session::on(const event::ChipVerified& e, std::vector<Effect>& effects) {
  if (view_.screen != Screen::ReadingCard) {
    return;
  }
  view_.busy = false;
  if (view_.identity.source != IdentitySource::Chip) {
    effects.emplace_back(effect::StartQrScan{});
    go(Screen::Identify, effects);
    fail({ErrorCode::CardAccessDenied, "chip identity does not match the inputs"});
    return;
  }
  view_.identity.chip = e.verification;
  effects.emplace_back(
      effect::Audit{"identify", view_.identity.citizen.id_number,
                    e.verification == ChipVerification::ChipGenuine ? "chip_genuine" : "chip_passive"});
  go(Screen::Consent, effects);
}

void Session::on(const event::ChipReadFailed& e, std::vector<Effect>& effects) {
  if (view_.screen != Screen::ReadingCard) {
    return;
  }
  effects.emplace_back(effect::Audit{"identify", "", std::string(error_name(e.error.code))});
  forget_chip_read();
  effects.emplace_back(effect::StartQrScan{});
  go(Screen::Identify, effects);
  fail(e.error);
}

void Session::on(const event::ReadProgress& e, std::vector<Effect>&) {
  view_.progress_percent = e.percent;
}

void Session::on(const event::ProceduresLoaded& e, std::vector<Effect>&) {
  view_.procedures = e.procedures;
}

void Session::on(const event::StatusFound& e, std::vector<Effect>& effects) {
  if (view_.screen != Screen::Lookup) {
    return;
  }
  view_.busy = false;
  view_.lookup_results = e.dossiers;
  // Rule 7's names and details are for the owner, identified at this kiosk
  // by chip or by staff; anyone else who knows a code or an ID number sees
  // only the code, the status and the appointment date.
  for (auto& status : view_.lookup_results) {
    if (!view_.identity.may_open_vault() || status.owner_id != view_.identity.citizen.id_number) {
      secure_wipe(status.owner_name);
      secure_wipe(status.owner_id);
      secure_wipe(status.procedure_name);
      status.received.reset();
    }
  }
  go(Screen::LookupResult, effects);
}

void Session::on(const event::StaffAuthenticated& e, std::vector<Effect>& effects) {
  if (view_.screen != Screen::StaffLogin) {
    return;
  }
  view_.busy = false;
  view_.staff_name = e.staff_name;
  effects.emplace_back(effect::Audit{"staff_sign_in", e.staff_name, ""});
  go(before_staff_, effects);
}

void Session::on(const event::ReceiptPrinted&, std::vector<Effect>&) {}

void Session::on(const event::OutboxChanged& e, std::vector<Effect>&) {
  view_.outbox_pending = e.pending;
  view_.outbox_held = e.held;
}

void Session::on(const event::OperationFailed& e, std::vector<Effect>& effects) {
  if (view_.screen == Screen::Submitting) {
    // Only a failure to even keep the application (e.g. disk full) lands here;
    // network trouble is answered with a pending receipt from the outbox.
    go(Screen::Review, effects);
  }
  if (view_.screen == Screen::Scan) {
    view_.active_component.clear();
  }
  fail(e.error, std::move(retry_));
}

void Session::on(const event::ServiceUnavailable& e, std::vector<Effect>& effects) {
  if (session_active()) {
    end_session(EndReason::Ended, effects);
  }
  view_.out_of_service = e.missing;
  go(Screen::OutOfService, effects);
}

}  // namespace kiosk
