#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "kiosk/store/aead.hpp"
#include "kiosk/store/database.hpp"
#include "kiosk/store/key_wrapper.hpp"

namespace kiosk::store {

struct OutboxEntry {
  std::string reference;        // printed on the pending receipt, e.g. KO-7K3M9QXA
  std::int64_t created_at = 0;  // unix seconds
  std::string progress;         // sender's resumption state (no personal data)
  std::int64_t attempts = 0;
  bool held = false;  // refused by the server: waits for staff, never resent automatically
  std::string last_error;
};

struct OutboxOptions {
  std::int64_t max_bytes = 0;  // cap on the database file; 0: no cap
};

// Applications not yet acknowledged by the provincial system, sealed with
// AES-256-GCM under a data key that is itself wrapped by the device key. A
// put() has reached the disk when it returns; remove() overwrites the row
// (secure_delete). Thread-safe.
class Outbox {
 public:
  static Result<std::unique_ptr<Outbox>> open(const std::string& db_path, KeyWrapper& wrapper,
                                              OutboxOptions options = {});
  ~Outbox();

  Result<std::string> put(std::span<const std::uint8_t> application, std::int64_t now_unix);
  Result<Bytes> read(const std::string& reference);
  Result<std::vector<OutboxEntry>> entries();
  Result<OutboxEntry> entry(const std::string& reference);
  Status set_progress(const std::string& reference, const std::string& progress);
  Status note_failure(const std::string& reference, const std::string& detail, bool hold);
  Status release_hold(const std::string& reference);
  Status remove(const std::string& reference);
  Result<std::int64_t> size();
  // The dossier code a pending receipt's reference became, sealed like the
  // applications, so that the reference keeps answering status lookups for
  // a while after delivery; none while it waits or after that while.
  Status remember_delivery(const std::string& reference, const std::string& dossier_code,
                           std::int64_t now_unix);
  Result<std::optional<std::string>> delivered_code(const std::string& reference);

 private:
  Outbox(std::unique_ptr<Database> db, const Key256& key) : db_(std::move(db)), key_(key) {}
  Status run(const char* sql, const std::string& reference, const std::string& value = {});

  std::mutex mutex_;
  std::unique_ptr<Database> db_;
  Key256 key_;
};

}  // namespace kiosk::store
