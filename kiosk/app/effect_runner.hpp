#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "drivers/camera/qr_scanner.hpp"
#include "drivers/card/card_reader_service.hpp"
#include "drivers/pdf/signature_verifier.hpp"
#include "drivers/pdf/signer_identity.hpp"
#include "drivers/printer/receipt_printer.hpp"
#include "kiosk/api/provincial_api.hpp"
#include "kiosk/api/submission_service.hpp"
#include "kiosk/app/audio_guide.hpp"
#include "kiosk/app/config.hpp"
#include "kiosk/app/event_queue.hpp"
#include "kiosk/app/staff_directory.hpp"
#include "kiosk/core/device_event.hpp"
#include "kiosk/core/effect.hpp"
#include "kiosk/store/audit_log.hpp"
#include "kiosk/store/key_wrapper.hpp"
#include "kiosk/store/outbox.hpp"

namespace kiosk::app {

// Runs each Effect of the Session off the UI thread and posts what comes
// back as DeviceEvents. Effects run one after the other on a worker thread,
// except the long ones (card read, scan) which get their own thread so they
// can be cancelled while other work goes on.
class EffectRunner {
 public:
  EffectRunner(const Config& config, EventQueue<DeviceEvent>& events);
  ~EffectRunner();
  EffectRunner(const EffectRunner&) = delete;
  EffectRunner& operator=(const EffectRunner&) = delete;

  // Never blocks: the effect is queued for the worker, or handed to the
  // audio guide.
  void run(Effect effect);

  // What the camera shows, for the UI thread; lives as long as the runner.
  [[nodiscard]] camera::CameraPreview& camera_preview() { return *camera_preview_; }

  // Counts the starts and ends of delivery attempts: odd while one, and with
  // it a decrypted application, is under way. Lets a test tell a memory
  // snapshot taken between attempts from one taken during an attempt.
  [[nodiscard]] std::uint64_t delivery_activity() const { return delivery_activity_.load(); }

 private:
  void open_services(const Config& config);
  void work();
  void execute(const Effect& effect);
  void open_store();
  void open_card_reader();
  void start_qr_scan();
  void read_chip(const ChipAccessInputs& access);
  void open_printer();
  void report_missing_services();
  void print(const SubmissionReceipt& receipt);
  void scan(const std::string& component_id);
  void forget_session();
  [[nodiscard]] std::optional<VaultItem> remembered(const std::string& code) const;
  Result<std::vector<std::uint8_t>> vault_file(const std::string& code);
  void look_up_reference(const std::string& reference);
  [[nodiscard]] std::pair<SignatureVerdict, std::string> check_signature(
      const std::vector<std::uint8_t>& pdf) const;

  const Config& config_;
  EventQueue<DeviceEvent>& events_;
  std::unique_ptr<api::ProvincialApi> api_;
  std::unique_ptr<store::KeyWrapper> key_wrapper_;  // [store] key: file or TPM
  std::unique_ptr<store::Outbox> outbox_;
  std::unique_ptr<store::AuditLog> audit_;
  std::unique_ptr<api::SubmissionService> submission_;
  std::atomic<std::uint64_t> delivery_activity_{0};  // outlives the sender's thread
  // Sends what a network or server failure left pending once the API is back.
  std::unique_ptr<api::BackgroundSender> outbox_sender_;
  std::optional<pdf::TrustStore> document_trust_;
  // Created at start-up so insertions reach the Session on every screen;
  // null when PC/SC is not available.
  std::unique_ptr<card::CardReaderService> card_reader_;
  std::shared_ptr<camera::CameraPreview> camera_preview_;
  std::unique_ptr<camera::QrScanner> qr_scanner_;  // worker thread only
  std::unique_ptr<printer::ReceiptPrinter> printer_;
  StaffDirectory staff_;
  std::optional<pdf::SignerIdentity> scan_signer_;
  // What the worker needs later in the session (the vault, to fetch a file);
  // dropped on WipeSession.
  std::string owner_id_;
  std::vector<VaultItem> vault_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<Effect> queue_;
  bool stopping_ = false;
  std::thread worker_;
  // Prompts bypass the queue: behind a slow upload they would describe a
  // screen already gone.
  AudioGuide audio_{config_.audio_dir, config_.audio_device};
};

}  // namespace kiosk::app
