#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/store/aead.hpp"
#include "kiosk/store/database.hpp"

namespace kiosk::store {

struct AuditRecord {
  std::int64_t seq = 0;
  std::string at;       // RFC 3339, UTC
  std::string action;   // session_start, identification, vault_reuse, submission, staff_action, ...
  std::string subject;  // HMAC-SHA256 of the person's ID under the device secret, hex; empty when none
  std::string outcome;
  std::string prev_hash;
  std::string hash;  // SHA-256 over prev_hash and this record's fields
};

struct AuditVerification {
  bool intact = true;
  std::int64_t records = 0;
  std::optional<std::int64_t> first_bad_seq;
  std::string reason;
  // Records the anchor counts that are no longer in the log (cut off at the end).
  std::int64_t missing_at_end = 0;
  // Whether the anchor's keyed MAC was checked (only with the device secret).
  bool anchor_authenticated = false;
};

// What the kiosk did, without personal data in clear, each record chained to
// the one before so an edited, inserted or deleted record breaks the chain.
// The chain alone cannot show that its last records were cut off, so each
// append also moves an anchor (record count and head hash, MACed under the
// device secret) in the same transaction; a log shorter than its anchor is
// reported as records missing at the end. Thread-safe.
class AuditLog {
 public:
  static Result<std::unique_ptr<AuditLog>> open(const std::string& db_path, const Key256& device_secret);

  // `subject_id` (a citizen or staff ID) is stored only as its keyed hash.
  Status record(std::string_view action, std::string_view subject_id, std::string_view outcome);
  [[nodiscard]] std::string subject_hash(std::string_view subject_id) const;

  // Reading and checking need no secret: the chain is plain SHA-256. With
  // `device_secret` the anchor's MAC is checked too, so an anchor rewritten
  // to match a shortened log is caught.
  static Result<std::vector<AuditRecord>> list(Database& db);
  static Result<AuditVerification> verify(Database& db, const Key256* device_secret = nullptr);

 private:
  AuditLog(std::unique_ptr<Database> db, const Key256& secret) : db_(std::move(db)), secret_(secret) {}

  std::mutex mutex_;
  std::unique_ptr<Database> db_;
  Key256 secret_;
};

std::string audit_chain_hash(const AuditRecord& record);
// HMAC-SHA256 (hex) binding an anchor's record count to its head hash.
std::string audit_anchor_mac(const Key256& device_secret, std::int64_t records, std::string_view head);
inline constexpr const char* kAuditSchema = R"(
CREATE TABLE IF NOT EXISTS audit(
  seq INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  action TEXT NOT NULL,
  subject TEXT NOT NULL,
  outcome TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS audit_anchor(
  id INTEGER PRIMARY KEY CHECK(id = 1),
  records INTEGER NOT NULL,
  head TEXT NOT NULL,
  mac TEXT NOT NULL);
)";

}  // namespace kiosk::store
