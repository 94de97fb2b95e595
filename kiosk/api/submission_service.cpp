#include "kiosk/api/submission_service.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <map>
#include <random>

#include "kiosk/api/application_codec.hpp"
#include "kiosk/core/secure_wipe.hpp"
#include "kiosk/core/stack_wipe.hpp"

namespace kiosk::api {
namespace {

using nlohmann::json;

// What the sender has learnt about an entry; IDs only, no personal data.
struct Progress {
  std::string agency_id;
  std::string case_id;
  std::string dossier_id;
  std::map<std::string, std::string> names;  // component id -> name for the receipt

  static Progress parse(const std::string& text) {
    Progress p;
    const json j = json::parse(text, nullptr, false);
    if (j.is_object()) {
      p.agency_id = j.value("agency_id", "");
      p.case_id = j.value("case_id", "");
      p.dossier_id = j.value("dossier_id", "");
      if (const auto it = j.find("names"); it != j.end() && it->is_object()) {
        for (const auto& [id, name] : it->items()) {
          if (name.is_string()) {
            p.names[id] = name.get<std::string>();
          }
        }
      }
    }
    return p;
  }

  [[nodiscard]] std::string dump() const {
    return json{{"agency_id", agency_id}, {"case_id", case_id}, {"dossier_id", dossier_id}, {"names", names}}
        .dump();
  }
};

// Refusals need a person; everything else may succeed on a later attempt,
// including an unreadable answer: the server may have done the work, and the
// idempotency keys make asking again safe.
// A crash after the server accepted the submit leaves a dossier that refuses
// further changes; submitting again then returns the stored receipt.
bool already_submitted(const Error& error) {
  return error.code == ErrorCode::ServerRefused && error.detail.ends_with(" dossier_already_submitted");
}

bool refused(const Error& error) {
  return error.code == ErrorCode::ServerRefused || error.code == ErrorCode::InvalidInput;
}

std::vector<std::string> notification_channels(const NotificationContact& contact) {
  std::vector<std::string> channels;
  if (contact.consent && contact.sms && !contact.phone.empty()) {
    channels.emplace_back("sms");
  }
  if (contact.consent && contact.zalo && !contact.phone.empty()) {
    channels.emplace_back("zalo");
  }
  if (contact.consent && !contact.email.empty()) {
    channels.emplace_back("email");
  }
  return channels;
}

std::int64_t now_unix() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

void fill_components(SubmissionReceipt& receipt, const ApplicationDraft& draft, const Progress& progress) {
  receipt.components.clear();
  for (const auto& c : draft.components) {
    if (!c.filled()) {
      continue;
    }
    const auto it = progress.names.find(c.component_id);
    receipt.components.emplace_back(it != progress.names.end() ? it->second : c.component_id, c.from_vault());
  }
}

}  // namespace

SubmissionService::SubmissionService(ProvincialApi& api, store::Outbox& outbox, store::AuditLog* audit,
                                     SubmissionOptions options)
    : api_(api), outbox_(outbox), audit_(audit), options_(std::move(options)) {}

std::string SubmissionService::key(const std::string& reference, const std::string& step) const {
  return options_.device_id + ":" + reference + "." + step;
}

bool SubmissionService::claim(const std::string& reference) {
  std::lock_guard lock(mutex_);
  return in_flight_.insert(reference).second;
}

void SubmissionService::mark_delivery_edge() const {
  if (options_.on_delivery_edge) {
    options_.on_delivery_edge();
  }
}

void SubmissionService::unclaim(const std::string& reference) {
  std::lock_guard lock(mutex_);
  in_flight_.erase(reference);
}

Result<SubmissionReceipt> SubmissionService::submit(const ApplicationDraft& draft) {
  auto bytes = encode_application(draft);
  auto reference = outbox_.put(bytes, now_unix());
  secure_wipe(bytes);
  if (!reference) {
    if (audit_ != nullptr) {
      audit_->record("submission", draft.applicant.id_number,
                     std::string("not_queued ") + std::string(error_name(reference.error().code)));
    }
    return reference.error();
  }
  return deliver(*reference, true);
}

Result<SubmissionReceipt> SubmissionService::deliver(const std::string& reference, bool citizen_present) {
  if (!claim(reference)) {
    return Error{ErrorCode::ServerBusy, "entry is being sent"};
  }
  mark_delivery_edge();
  struct EndOfAttempt {
    SubmissionService* self;
    const std::string& ref;
    ~EndOfAttempt() {
      self->mark_delivery_edge();
      self->unclaim(ref);
    }
  } end_of_attempt{this, reference};

  auto entry = outbox_.entry(reference);
  if (!entry) {
    return entry.error();
  }
  auto bytes = outbox_.read(reference);
  if (!bytes) {
    return bytes.error();
  }
  auto decoded = decode_application(*bytes);
  secure_wipe(*bytes);
  if (!decoded) {
    return decoded.error();
  }
  ApplicationDraft& draft = *decoded;
  Progress progress = Progress::parse(entry->progress);

  SubmissionReceipt pending;
  pending.local_reference = reference;
  pending.procedure_name = draft.procedure_name;
  pending.pending = true;
  pending.notified_by = notification_channels(draft.contact);

  const auto audit = [&](std::string_view action, std::string_view outcome) {
    if (audit_ != nullptr) {
      audit_->record(action, draft.applicant.id_number, outcome);
    }
  };
  const auto failed = [&](const Error& error) -> Result<SubmissionReceipt> {
    const std::string detail = std::string(error_name(error.code)) + " " + error.detail;
    if (refused(error)) {
      audit("submission", "refused " + std::string(error_name(error.code)));
      if (citizen_present) {
        outbox_.remove(reference);  // the citizen is told now; nothing was promised
      } else {
        outbox_.note_failure(reference, detail, true);
      }
      draft.wipe();
      return error;
    }
    outbox_.note_failure(reference, detail, false);
    audit("submission", "queued " + reference);
    fill_components(pending, draft, progress);
    draft.wipe();
    return pending;
  };

  if (progress.case_id.empty() || progress.agency_id.empty()) {
    auto procedure = api_.procedure(draft.procedure_code);
    if (!procedure) {
      return failed(procedure.error());
    }
    auto agencies = api_.agencies(draft.procedure_code);
    if (!agencies) {
      return failed(agencies.error());
    }
    if (agencies->empty()) {
      return failed(Error{ErrorCode::ServerRefused, "no agency handles the procedure"});
    }
    const auto& cases = procedure->procedure.cases;
    const auto chosen = std::find_if(cases.begin(), cases.end(),
                                     [&](const ProcedureCase& c) { return c.id == draft.case_id; });
    if (chosen != cases.end()) {
      progress.case_id = chosen->id;
    } else if (draft.case_id.empty() && cases.size() == 1) {
      progress.case_id = cases.front().id;
    } else {
      return failed(Error{ErrorCode::InvalidInput, "the procedure's case was not chosen"});
    }
    // The agency the kiosk showed the citizen, or else the first of this
    // centre's agencies that handles the procedure: never just any agency.
    std::vector<std::string> wanted = options_.agency_ids;
    if (!draft.agency_id.empty()) {
      wanted = {draft.agency_id};
    }
    for (const auto& id : wanted) {
      if (progress.agency_id.empty() &&
          std::any_of(agencies->begin(), agencies->end(), [&](const Agency& a) { return a.id == id; })) {
        progress.agency_id = id;
      }
    }
    if (progress.agency_id.empty()) {
      return failed(Error{ErrorCode::InvalidInput, "no agency of this centre handles the procedure"});
    }
    for (const auto& c : procedure->procedure.components) {
      progress.names[c.id] = c.name;
    }
    // Saved before the dossier exists so a replay sends the identical body.
    outbox_.set_progress(reference, progress.dump());
  }

  if (progress.dossier_id.empty()) {
    DossierRequest request;
    request.procedure_code = draft.procedure_code;
    request.agency_id = progress.agency_id;
    request.case_id = progress.case_id;
    request.delivery = draft.delivery;
    request.owner.id = draft.applicant.id_number;
    request.owner.full_name = draft.applicant.full_name;
    request.owner.date_of_birth = draft.applicant.date_of_birth;
    request.owner.address = draft.applicant.place_of_residence;
    if (draft.contact.consent) {
      request.owner.phone = draft.contact.phone;
      request.owner.email = draft.contact.email;
    }
    auto dossier = api_.create_dossier(request, key(reference, "dossier"));
    if (!dossier) {
      return failed(dossier.error());
    }
    progress.dossier_id = dossier->id;
    outbox_.set_progress(reference, progress.dump());
  }

  bool submitted_before = false;
  for (const auto& c : draft.components) {
    Status step = Done{};
    if (c.from_vault()) {
      step = api_.attach_vault_item(progress.dossier_id, c.component_id, c.vault_item_code,
                                    key(reference, c.component_id + ".vault"));
    } else if (!c.scanned_pdf.empty()) {
      step = api_.upload_component(progress.dossier_id, c.component_id, c.component_id + ".pdf",
                                   c.scanned_pdf, key(reference, c.component_id + ".upload"));
    }
    if (!step && already_submitted(step.error())) {
      submitted_before = true;
      break;
    }
    if (!step) {
      return failed(step.error());
    }
  }

  if (!submitted_before && draft.contact.consent &&
      (!draft.contact.phone.empty() || !draft.contact.email.empty())) {
    if (auto s = api_.set_notification_contact(draft.applicant.id_number, draft.contact,
                                               options_.consent_text, key(reference, "contact"));
        !s) {
      return failed(s.error());
    }
  }

  auto receipt = api_.submit(progress.dossier_id, key(reference, "submit"));
  if (!receipt) {
    return failed(receipt.error());
  }
  fill_components(*receipt, draft, progress);
  for (const auto& c : draft.components) {
    if (c.from_vault() && audit_ != nullptr) {
      audit("vault_reuse", "item " + audit_->subject_hash(c.vault_item_code));
    }
  }
  audit("submission", "accepted " + receipt->dossier_code);
  // The citizen left with a pending receipt: its reference keeps finding the
  // dossier at the kiosk's status lookup.
  if (!citizen_present) {
    if (auto kept = outbox_.remember_delivery(reference, receipt->dossier_code, now_unix()); !kept) {
      audit("submission", "reference not kept " + std::string(error_name(kept.error().code)));
    }
  }
  // A failed removal only means the next drain replays the submit and gets
  // the same receipt back.
  outbox_.remove(reference);
  draft.wipe();
  return receipt;
}

Result<std::vector<SubmissionReceipt>> SubmissionService::drain() {
  auto entries = outbox_.entries();
  if (!entries) {
    return entries.error();
  }
  std::vector<SubmissionReceipt> delivered;
  for (const auto& entry : *entries) {
    if (entry.held) {
      continue;
    }
    auto result = deliver(entry.reference, false);
    if (result && !result->pending) {
      delivered.push_back(std::move(*result));
    }
  }
  return delivered;
}

Result<OutboxStatus> SubmissionService::status() {
  auto entries = outbox_.entries();
  if (!entries) {
    return entries.error();
  }
  OutboxStatus counts;
  for (const auto& entry : *entries) {
    ++(entry.held ? counts.held : counts.pending);
  }
  return counts;
}

std::chrono::milliseconds resend_delay(int failures, const SenderOptions& options, double jitter) {
  auto delay = std::max(options.interval, std::chrono::milliseconds(1));
  for (int i = 0; i < failures && delay < options.max_backoff; ++i) {
    delay *= 2;
  }
  delay = std::min(delay, std::max(options.max_backoff, options.interval));
  const double kept = 1.0 - 0.25 * std::clamp(jitter, 0.0, 1.0);
  return std::chrono::milliseconds(static_cast<std::int64_t>(static_cast<double>(delay.count()) * kept));
}

BackgroundSender::BackgroundSender(SubmissionService& service, std::chrono::milliseconds interval)
    : BackgroundSender(service, [interval] {
        SenderOptions options;
        options.interval = interval;
        return options;
      }()) {}

BackgroundSender::BackgroundSender(SubmissionService& service, SenderOptions options)
    : service_(service), options_(std::move(options)), thread_([this] { run(); }) {}

BackgroundSender::~BackgroundSender() {
  {
    std::lock_guard lock(mutex_);
    stop_ = true;
  }
  cv_.notify_all();
  thread_.join();
}

void BackgroundSender::wake() {
  {
    std::lock_guard lock(mutex_);
    woken_ = true;
  }
  cv_.notify_all();
}

void BackgroundSender::refresh() {
  {
    std::lock_guard lock(mutex_);
    refresh_ = true;
  }
  cv_.notify_all();
}

void BackgroundSender::report() {
  if (!options_.on_status) {
    return;
  }
  if (auto counts = service_.status()) {
    options_.on_status(*counts);
  }
}

void BackgroundSender::run() {
  std::mt19937 random(std::random_device{}());
  std::uniform_real_distribution<double> jitter(0.0, 1.0);
  int failures = 0;
  // The first look comes at once: what a previous run left is sent at start-up.
  auto next = std::chrono::steady_clock::now();
  std::unique_lock lock(mutex_);
  while (!stop_) {
    cv_.wait_until(lock, next, [this] { return stop_ || woken_ || refresh_; });
    if (stop_) {
      break;
    }
    const bool due = woken_ || std::chrono::steady_clock::now() >= next;
    if (woken_) {
      failures = 0;
    }
    woken_ = false;
    refresh_ = false;
    lock.unlock();
    if (due) {
      run_then_wipe_stack([this] { service_.drain(); });
      const auto left = service_.status();
      failures = left && left->pending == 0 ? 0 : failures + 1;
      next = std::chrono::steady_clock::now() + resend_delay(failures, options_, jitter(random));
    }
    report();
    lock.lock();
  }
}

}  // namespace kiosk::api
