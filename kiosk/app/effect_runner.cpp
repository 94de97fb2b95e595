#include "kiosk/app/effect_runner.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <filesystem>
#include <random>
#include <sstream>

#include "drivers/card/card_error.hpp"
#include "drivers/pdf/pades_signer.hpp"
#include "drivers/printer/escpos_printer.hpp"
#include "drivers/printer/file_printer.hpp"
#include "drivers/qr/receipt_code.hpp"
#include "drivers/scanner/scan_job.hpp"
#include "kiosk/api/curl_provincial_api.hpp"
#include "kiosk/app/device_events.hpp"
#include "kiosk/app/startup_timing.hpp"
#include "kiosk/core/secure_wipe.hpp"
#include "kiosk/core/stack_wipe.hpp"
#include "kiosk/store/device_key.hpp"

namespace kiosk::app {
namespace {

std::string idempotency_key() {
  std::random_device random;
  std::ostringstream out;
  out << std::hex;
  for (int i = 0; i < 4; ++i) {
    out << random();
  }
  return out.str();
}

// The 12-digit CCCD number or a 9-digit CMND number.
bool is_id_number(const std::string& text) {
  return (text.size() == 12 || text.size() == 9) && text.find_first_not_of("0123456789") == std::string::npos;
}

SignatureVerdict verdict_of(pdf::SignatureProblem problem) {
  switch (problem) {
    case pdf::SignatureProblem::None:
      return SignatureVerdict::Valid;
    case pdf::SignatureProblem::Unsigned:
      return SignatureVerdict::Unsigned;
    case pdf::SignatureProblem::MalformedSignature:
    case pdf::SignatureProblem::Tampered:
      return SignatureVerdict::Invalid;
    case pdf::SignatureProblem::UntrustedSigner:
      return SignatureVerdict::Untrusted;
  }
  return SignatureVerdict::Invalid;
}

}  // namespace

EffectRunner::EffectRunner(const Config& config, EventQueue<DeviceEvent>& events)
    : config_(config),
      events_(events),
      camera_preview_(std::make_shared<camera::CameraPreview>([&events] { events.wake(); })) {
  // Keys, the store, the card reader and the printer take longer to open than
  // the attract screen takes to draw, and it needs none of them: the worker
  // opens them before it runs the first effect, which waits for them.
  worker_ = std::thread([this] {
    open_services(config_);
    work();
  });
}

void EffectRunner::open_services(const Config& config) {
  api::ApiConfig api_config;
  api_config.base_url = config.api_base_url;
  api_config.call_timeout = std::chrono::seconds(config.api_timeout_seconds);
  api_config.bearer_token = config.api_bearer_token;
  api_config.tls.ca_bundle = config.api_ca_bundle.string();
  api_config.tls.client_cert = config.api_client_cert.string();
  (is_key_uri(config.api_client_key) ? api_config.tls.client_key_uri : api_config.tls.client_key) =
      config.api_client_key;
  api_ = std::make_unique<api::CurlProvincialApi>(api_config);
  open_store();
  if (!config.document_trust.empty()) {
    auto trust = pdf::TrustStore::from_pem_file(config.document_trust.string());
    if (trust) {
      document_trust_.emplace(std::move(trust.value()));
    } else {
      spdlog::error("api.document_trust: cannot load {}", config.document_trust.string());
    }
  }
  open_card_reader();
  open_printer();
  if (!config.sign_key.empty()) {
    auto signer = pdf::SignerIdentity::load(config.sign_key, config.sign_cert.string());
    if (signer) {
      scan_signer_.emplace(std::move(signer.value()));
    } else {
      spdlog::error("devices.sign_key: cannot load the scan signing key: {}", signer.error().detail);
    }
  }
  if (!config.staff_file.empty()) {
    try {
      staff_ = StaffDirectory::load(config.staff_file, "staff.file");
    } catch (const ConfigError& error) {
      spdlog::error("{}", error.what());
    }
  }
  StartupTiming::mark("store, card reader and keys opened");
  report_missing_services();
}

// An application taken now would be lost or unsigned later, so the kiosk
// takes none: better a notice that sends the citizen to the desk than a
// journey that fails at submit.
void EffectRunner::report_missing_services() {
  std::vector<std::string> missing;
  if (!audit_) {
    missing.emplace_back("audit log");
  }
  if (!outbox_) {
    missing.emplace_back(key_wrapper_ ? "outbox" : "outbox key");
  }
  if (!config_.document_trust.empty() && !document_trust_) {
    missing.emplace_back("document trust anchors");
  }
  if ((!config_.sign_key.empty() || !config_.scanner.empty()) && !scan_signer_) {
    missing.emplace_back("scan signing key");
  }
  if (missing.empty()) {
    return;
  }
  std::string list;
  for (const auto& part : missing) {
    list += (list.empty() ? "" : ", ") + part;
  }
  spdlog::critical("out of service: cannot open {}", list);
  events_.post(event::ServiceUnavailable{std::move(missing)});
}

void EffectRunner::open_card_reader() {
  card::CardReaderService::Options options{config_.csca_dir, config_.card_reader};
  try {
    card_reader_ = card::CardReaderService::with_pcsc(std::move(options), [this](card::CardEvent event) {
      if (const auto* inserted = std::get_if<card::CardInserted>(&event)) {
        spdlog::info("card inserted in {}", inserted->reader);
      } else if (const auto* removed = std::get_if<card::CardRemoved>(&event)) {
        spdlog::info("card removed from {}", removed->reader);
      }
      if (auto translated = chip_event(std::move(event))) {
        events_.post(std::move(*translated));
      }
    });
  } catch (const std::exception& error) {
    spdlog::error("devices.card_reader: PC/SC unavailable, chip reading is off ({})", error.what());
  }
}

void EffectRunner::open_printer() {
  if (config_.printer == "escpos") {
    try {
      printer_ =
          std::make_unique<printer::EscPosPrinter>(printer::make_libusb_bus(), printer::EscPosConfig{});
    } catch (const std::exception& error) {
      spdlog::error("devices.printer: USB unavailable, receipts are shown on screen only ({})", error.what());
    }
    return;
  }
  std::error_code error;
  std::filesystem::create_directories(config_.receipt_dir, error);
  printer_ = std::make_unique<printer::FileReceiptPrinter>(config_.receipt_dir, printer::PaperWidth::Mm80);
}

void EffectRunner::print(const SubmissionReceipt& receipt) {
  if (!printer_) {
    events_.post(event::OperationFailed{{ErrorCode::PrinterOffline, "no receipt printer"}});
    return;
  }
  // A pending receipt's QR carries its reference, which the lookup screen reads.
  std::string qr_payload = receipt.pending ? receipt.local_reference : receipt.dossier_code;
  if (const auto code = qr::parse_receipt_payload(receipt.dossier_code);
      code && !config_.lookup_url.empty()) {
    qr_payload = qr::receipt_lookup_url(config_.lookup_url, code.value());
  }
  const auto printable = printer::Receipt::from_submission(receipt, config_.center_name, config_.lookup_hint,
                                                           std::move(qr_payload));
  auto printed = printer_->print(printable);
  if (!printed) {
    events_.post(event::OperationFailed{printed.error()});
    return;
  }
  events_.post(event::ReceiptPrinted{});
}

void EffectRunner::scan(const std::string& component_id) {
  if (config_.scanner.empty() || !scan_signer_) {
    events_.post(
        event::OperationFailed{{ErrorCode::ScannerUnavailable,
                                config_.scanner.empty() ? "no scanner configured" : "no scan signing key"}});
    return;
  }
  auto source = scanner::open_page_source(config_.scanner);
  if (!source) {
    events_.post(event::OperationFailed{{ErrorCode::ScannerUnavailable, source.error().detail}});
    return;
  }
  auto raw = (*source)->acquire(scanner::ScanSettings{});
  if (!raw) {
    events_.post(event::OperationFailed{raw.error()});
    return;
  }
  const auto cleaned = scanner::clean_pages(*raw, {});
  const auto now = std::chrono::system_clock::now();
  auto document =
      scanner::make_component_pdf(cleaned.pages, {component_id, config_.kiosk_name, now}, &*scan_signer_,
                                  pdf::digitized_by_appearance(config_.kiosk_name, "", now), now);
  if (!document) {
    events_.post(event::OperationFailed{document.error()});
    return;
  }
  events_.post(event::ComponentScanned{component_id, std::move(document.value()),
                                       static_cast<int>(cleaned.pages.size())});
}

void EffectRunner::start_qr_scan() {
  if (qr_scanner_) {
    return;
  }
  // Without a camera the identify screen still offers the typed form, so a
  // missing or broken camera is a technician's matter, not the citizen's.
  if (config_.camera.empty()) {
    camera_preview_->set_state(camera::CameraState::kUnavailable);
    return;
  }
  auto source = camera::open_frame_source(config_.camera);
  if (auto* error = std::get_if<camera::CameraError>(&source)) {
    spdlog::error("devices.camera: {} cannot be opened: {}", config_.camera, error->detail);
    camera_preview_->set_state(camera::CameraState::kUnavailable);
    return;
  }
  qr_scanner_ = std::make_unique<camera::QrScanner>(
      std::move(std::get<std::unique_ptr<camera::FrameSource>>(source)),
      [this](const camera::ScanEvent& scan) {
        if (scan.kind == camera::ScanEvent::Kind::kCodeRead) {
          events_.post(qr_event(scan.payload));
        } else if (scan.kind == camera::ScanEvent::Kind::kCameraFailed && scan.error &&
                   !scan.error->retriable()) {
          spdlog::error("devices.camera: capture stopped: {}", scan.error->detail);
        }
      },
      camera::QrScanner::Options{}, camera_preview_);
  qr_scanner_->start();
}

void EffectRunner::read_chip(const ChipAccessInputs& access) {
  if (!card_reader_) {
    events_.post(event::ChipReadFailed{{ErrorCode::CardUnreadable, "card reader unavailable"}});
    return;
  }
  try {
    auto key = chip_key(access);
    card_reader_->read(key);
    secure_wipe(key.document_number);
    secure_wipe(key.date_of_birth);
    secure_wipe(key.date_of_expiry);
  } catch (const card::CardError&) {
    events_.post(event::ChipReadFailed{{ErrorCode::InvalidInput, "chip access inputs malformed"}});
  }
}

void EffectRunner::open_store() {
  std::error_code error;
  std::filesystem::create_directories(config_.data_dir, error);
  const auto dir = config_.data_dir;
  if (auto secret = store::read_or_create_secret((dir / "device.secret").string())) {
    if (auto audit = store::AuditLog::open((dir / "audit.db").string(), secret.value())) {
      audit_ = std::move(audit.value());
    }
    secure_zero(secret.value().data(), secret.value().size());
  }
  if (!audit_) {
    spdlog::error("store.data_dir: cannot open the audit log in {}", dir.string());
  }
  const std::string key_spec =
      config_.store_key.empty() ? "file:" + (dir / "outbox.key").string() : config_.store_key;
  auto wrapper = store::open_device_key(key_spec);
  if (!wrapper) {
    spdlog::error("store.key: the outbox key cannot be opened ({}: {})", error_name(wrapper.error().code),
                  wrapper.error().detail);
    return;
  }
  key_wrapper_ = std::move(wrapper.value());
  auto outbox = store::Outbox::open((dir / "outbox.db").string(), *key_wrapper_);
  if (!outbox) {
    // DeviceKeyMismatch here means the outbox was sealed on another kiosk.
    spdlog::error("store.data_dir: the outbox cannot be opened ({}: {})", error_name(outbox.error().code),
                  outbox.error().detail);
    return;
  }
  outbox_ = std::move(outbox.value());
  submission_ = std::make_unique<api::SubmissionService>(
      *api_, *outbox_, audit_.get(),
      api::SubmissionOptions{.agency_ids = config_.centre_agencies,
                             .on_delivery_edge = [this] { delivery_activity_.fetch_add(1); }});
  outbox_sender_ = std::make_unique<api::BackgroundSender>(
      *submission_, api::SenderOptions{.interval = config_.resend_pending,
                                       .max_backoff = std::max<std::chrono::milliseconds>(
                                           config_.resend_pending, std::chrono::minutes(15)),
                                       .on_status = [this](const api::OutboxStatus& status) {
                                         events_.post(event::OutboxChanged{status.pending, status.held});
                                       }});
}

void EffectRunner::forget_session() {
  secure_wipe(owner_id_);
  for (auto& item : vault_) {
    secure_wipe(item.code);
    secure_wipe(item.name);
    secure_wipe(item.owner_id);
    secure_wipe(item.decision_number);
    secure_wipe(item.summary);
  }
  vault_.clear();
  if (api_) {
    api_->forget_session();
  }
}

// A pending receipt's reference: still in the outbox, or the dossier it
// became once delivered.
void EffectRunner::look_up_reference(const std::string& reference) {
  if (!outbox_) {
    return events_.post(event::OperationFailed{{ErrorCode::StorageCorrupt, "outbox unavailable"}});
  }
  if (outbox_->entry(reference)) {
    DossierStatus waiting;
    waiting.local_reference = reference;
    return events_.post(event::StatusFound{{std::move(waiting)}});
  }
  auto code = outbox_->delivered_code(reference);
  if (!code) {
    return events_.post(event::OperationFailed{code.error()});
  }
  if (!code->has_value()) {
    return events_.post(event::StatusFound{});
  }
  auto found = api_->status_by_code(**code);
  if (!found) {
    return events_.post(event::OperationFailed{found.error()});
  }
  found->local_reference = reference;
  events_.post(event::StatusFound{{std::move(found.value())}});
}

Result<std::vector<std::uint8_t>> EffectRunner::vault_file(const std::string& code) {
  const auto item = remembered(code);
  if (!item) {
    return Error{ErrorCode::Internal, "document not in the loaded vault"};
  }
  return api_->vault_file(owner_id_, *item);
}

std::pair<SignatureVerdict, std::string> EffectRunner::check_signature(
    const std::vector<std::uint8_t>& pdf) const {
  const pdf::TrustStore no_trust = pdf::TrustStore::empty();
  auto check = pdf::verify_pdf_signature(pdf, document_trust_ ? *document_trust_ : no_trust);
  if (!check) {
    return {SignatureVerdict::Unreadable, {}};
  }
  if (check->valid && !check->covers_whole_document) {
    return {SignatureVerdict::Invalid, check->signer_common_name};
  }
  return {check->valid ? SignatureVerdict::Valid : verdict_of(check->problem), check->signer_common_name};
}

std::optional<VaultItem> EffectRunner::remembered(const std::string& code) const {
  for (const auto& item : vault_) {
    if (item.code == code) {
      return item;
    }
  }
  return std::nullopt;
}

EffectRunner::~EffectRunner() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  worker_.join();
  qr_scanner_.reset();
  card_reader_.reset();
}

void EffectRunner::run(Effect effect) {
  if (auto* prompt = std::get_if<effect::PlayPrompt>(&effect)) {
    audio_.play(std::move(prompt->prompt));
    return;
  }
  if (std::holds_alternative<effect::StopPrompt>(effect)) {
    audio_.stop();
    return;
  }
  {
    std::lock_guard lock(mutex_);
    queue_.push_back(std::move(effect));
  }
  wake_.notify_one();
}

void EffectRunner::work() {
  bool stopping = false;
  while (!stopping) {
    run_then_wipe_stack([this, &stopping] {
      Effect effect;
      {
        std::unique_lock lock(mutex_);
        wake_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
        if (stopping_) {
          stopping = true;
          return;
        }
        effect = std::move(queue_.front());
        queue_.pop_front();
      }
      execute(effect);
    });
  }
}

void EffectRunner::execute(const Effect& effect) {
  const auto fail = [this](const Error& error) {
    // Error details never carry personal data; technicians need the cause.
    spdlog::warn("{}: {}", error_name(error.code), error.detail);
    events_.post(event::OperationFailed{error});
  };
  std::visit(
      [&](const auto& e) {
        using E = std::decay_t<decltype(e)>;
        if constexpr (std::is_same_v<E, effect::Audit>) {
          if (!audit_ || !audit_->record(e.action, e.subject_id, e.outcome)) {
            spdlog::error("audit record {} not stored", e.action);
          }
        } else if constexpr (std::is_same_v<E, effect::LoadVault>) {
          owner_id_ = e.owner_id;
          auto items = api_->vault(e.owner_id, {});
          if (!items) {
            return fail(items.error());
          }
          vault_ = items.value();
          events_.post(event::VaultLoaded{std::move(items.value())});
        } else if constexpr (std::is_same_v<E, effect::LoadProcedures>) {
          auto summaries = api_->procedures("");
          if (!summaries) {
            return fail(summaries.error());
          }
          std::vector<Procedure> procedures;
          for (const auto& summary : summaries.value()) {
            auto detail = api_->procedure(summary.code);
            if (!detail) {
              return fail(detail.error());
            }
            auto agencies = api_->agencies(summary.code);
            if (!agencies) {
              return fail(agencies.error());
            }
            // Only what this centre receives is offered, with its own agency.
            for (const auto& id : config_.centre_agencies) {
              const auto it = std::find_if(agencies->begin(), agencies->end(),
                                           [&](const api::Agency& a) { return a.id == id; });
              if (it != agencies->end() && detail->procedure.agency_id.empty()) {
                detail->procedure.agency_id = it->id;
                detail->procedure.agency_name = it->name;
              }
            }
            if (!detail->procedure.agency_id.empty()) {
              procedures.push_back(std::move(detail->procedure));
            }
          }
          if (config_.centre_agencies.empty()) {
            spdlog::error("centre.agencies: not set, so no procedure can be offered at this kiosk");
          }
          events_.post(event::ProceduresLoaded{std::move(procedures)});
        } else if constexpr (std::is_same_v<E, effect::LoadDocument>) {
          auto file = vault_file(e.item_code);
          if (!file) {
            return fail(file.error());
          }
          const auto [verdict, signer] = check_signature(file.value());
          events_.post(event::DocumentLoaded{e.item_code, std::move(file.value()), verdict, signer});
        } else if constexpr (std::is_same_v<E, effect::VerifyVaultItem>) {
          auto file = vault_file(e.item_code);
          if (!file) {
            return fail(file.error());
          }
          const auto verdict = check_signature(file.value()).first;
          secure_wipe(file.value());
          if (verdict != SignatureVerdict::Valid) {
            spdlog::warn("vault item set aside: its signature check gave verdict {}",
                         static_cast<int>(verdict));
          }
          events_.post(event::VaultItemChecked{e.item_code, verdict});
        } else if constexpr (std::is_same_v<E, effect::SubmitApplication>) {
          if (!submission_) {
            return fail({ErrorCode::StorageCorrupt, "outbox unavailable"});
          }
          auto receipt = submission_->submit(e.draft);
          if (!receipt) {
            return fail(receipt.error());
          }
          if (receipt->pending) {
            outbox_sender_->refresh();
          }
          events_.post(event::SubmissionDone{std::move(receipt.value())});
        } else if constexpr (std::is_same_v<E, effect::LookupStatus>) {
          if (e.query.rfind("KO-", 0) == 0) {
            return look_up_reference(e.query);
          }
          if (is_id_number(e.query)) {
            auto found = api_->status_by_citizen(e.query);
            return found ? events_.post(event::StatusFound{std::move(found.value())}) : fail(found.error());
          }
          auto found = api_->status_by_code(e.query);
          if (!found && found.error().code == ErrorCode::ServerRefused) {
            return events_.post(event::StatusFound{});  // no such dossier
          }
          return found ? events_.post(event::StatusFound{{std::move(found.value())}}) : fail(found.error());
        } else if constexpr (std::is_same_v<E, effect::SendFeedback>) {
          auto sent = api_->report_vault_item(owner_id_, e.item_code, e.reason, "", idempotency_key());
          return sent ? events_.post(event::FeedbackSent{}) : fail(sent.error());
        } else if constexpr (std::is_same_v<E, effect::SendRating>) {
          // The citizen has left: a rating that cannot be sent is only logged.
          if (auto sent = api_->send_rating(e.stars, e.dossier_code, idempotency_key()); !sent) {
            spdlog::warn("rating not sent: {} {}", error_name(sent.error().code), sent.error().detail);
          }
        } else if constexpr (std::is_same_v<E, effect::WipeSession>) {
          forget_session();
          qr_scanner_.reset();
          if (card_reader_) {
            card_reader_->wipe();
          }
        } else if constexpr (std::is_same_v<E, effect::AuthenticateStaff>) {
          auto outcome = staff_.authenticate(e.staff_id, e.pin, std::chrono::steady_clock::now());
          if (auto* granted = std::get_if<StaffDirectory::Granted>(&outcome)) {
            return events_.post(event::StaffAuthenticated{std::move(granted->name)});
          }
          if (std::holds_alternative<StaffDirectory::LockedOut>(outcome)) {
            return fail({ErrorCode::StaffLockedOut, "too many wrong PINs for this staff id"});
          }
          return fail({ErrorCode::InvalidInput, staff_.empty() ? "no staff directory on this kiosk"
                                                               : "staff id or PIN not recognised"});
        } else if constexpr (std::is_same_v<E, effect::StartScan>) {
          scan(e.component_id);
        } else if constexpr (std::is_same_v<E, effect::PrintReceipt>) {
          print(e.receipt);
        } else if constexpr (std::is_same_v<E, effect::ReadChip>) {
          read_chip(e.access);
        } else if constexpr (std::is_same_v<E, effect::CancelChipRead>) {
          if (card_reader_) {
            card_reader_->cancel();
          }
        } else if constexpr (std::is_same_v<E, effect::StartQrScan>) {
          start_qr_scan();
        } else if constexpr (std::is_same_v<E, effect::StopQrScan>) {
          qr_scanner_.reset();
        }
      },
      effect);
}

}  // namespace kiosk::app
