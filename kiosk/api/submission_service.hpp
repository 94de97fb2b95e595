#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "kiosk/api/provincial_api.hpp"
#include "kiosk/store/audit_log.hpp"
#include "kiosk/store/outbox.hpp"

namespace kiosk::api {

// What waits in the outbox, for staff: `pending` entries are sent again
// automatically, `held` ones (refused by the server) wait for a person.
struct OutboxStatus {
  std::int64_t pending = 0;
  std::int64_t held = 0;
  bool operator==(const OutboxStatus&) const = default;
};

struct SubmissionOptions {
  std::string device_id = "kiosk";  // prefixes idempotency keys so they are unique across kiosks
  // The centre's agencies, preferred first, for applications that do not
  // name their agency.
  std::vector<std::string> agency_ids{};
  std::string consent_text{};  // wording shown when the citizen agreed to notifications
  // Called as each delivery attempt starts and again as it ends, on the
  // thread making it: only during one does an application exist decrypted.
  std::function<void()> on_delivery_edge{};
};

// Delivers applications exactly once. submit() first seals the application
// into the outbox (on disk when it returns), then creates the dossier,
// attaches vault items, uploads scans, records the contact and submits, each
// with an idempotency key derived from the outbox reference; only the
// server's receipt removes the entry. A crash or a network failure at any
// point leaves the entry, and resending replays the same keys, so the server
// ends with the application once. Thread-safe; one entry is never sent by two
// threads at once.
class SubmissionService {
 public:
  SubmissionService(ProvincialApi& api, store::Outbox& outbox, store::AuditLog* audit,
                    SubmissionOptions options = {});

  // Accepted: receipt with dossier code. Network down / server trouble: a
  // pending receipt with the local reference (the background sender retries).
  // Server refusal: the Error (nothing stays queued). Local storage failure:
  // DiskFull or StorageCorrupt, and nothing was sent.
  Result<SubmissionReceipt> submit(const ApplicationDraft& draft);

  // Sends every queued entry that is not held once; receipts of the ones the
  // server accepted. A refused entry is held for staff, never dropped.
  Result<std::vector<SubmissionReceipt>> drain();

  // Sends one queued entry.
  Result<SubmissionReceipt> deliver(const std::string& reference, bool citizen_present);

  Result<OutboxStatus> status();

 private:
  bool claim(const std::string& reference);
  void unclaim(const std::string& reference);
  void mark_delivery_edge() const;
  std::string key(const std::string& reference, const std::string& step) const;

  ProvincialApi& api_;
  store::Outbox& outbox_;
  store::AuditLog* audit_;
  SubmissionOptions options_;
  std::mutex mutex_;
  std::set<std::string> in_flight_;
};

struct SenderOptions {
  // Between drains while every attempt goes through (or nothing waits).
  std::chrono::milliseconds interval{std::chrono::seconds(60)};
  // Ceiling of the wait after failed drains, which doubles from `interval`.
  std::chrono::milliseconds max_backoff{std::chrono::minutes(15)};
  // Called on the sender's thread with the outbox counts after every drain
  // and after refresh(); must not block.
  std::function<void(const OutboxStatus&)> on_status{};
};

// The wait before the next drain after `failures` drains in a row left
// entries behind: interval doubled per failure up to max_backoff, then a
// random part of up to a quarter taken off (`jitter` in [0, 1)) so kiosks that
// lost the network together do not all come back at the same instant.
std::chrono::milliseconds resend_delay(int failures, const SenderOptions& options, double jitter);

// Drains the outbox on its own thread, backing off while the provincial API
// stays unreachable, and at once after wake() (e.g. when the network comes
// back). Never blocks its caller.
class BackgroundSender {
 public:
  BackgroundSender(SubmissionService& service, std::chrono::milliseconds interval);
  BackgroundSender(SubmissionService& service, SenderOptions options);
  ~BackgroundSender();
  BackgroundSender(const BackgroundSender&) = delete;
  BackgroundSender& operator=(const BackgroundSender&) = delete;
  // Drain now and forget the backoff.
  void wake();
  // Report the counts again (e.g. an application was just queued) without
  // sending before the backoff is over.
  void refresh();

 private:
  void run();
  void report();

  SubmissionService& service_;
  SenderOptions options_;
  std::mutex mutex_;
  std::condition_variable cv_;
  bool stop_ = false;
  bool woken_ = false;
  bool refresh_ = false;
  std::thread thread_;
};

}  // namespace kiosk::api
