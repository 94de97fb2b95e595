#include "kiosk/store/audit_log.hpp"

#include <chrono>
#include <ctime>

namespace kiosk::store {
namespace {

const std::string kGenesis(64, '0');

void field(std::string& out, std::string_view value) {
  out += std::to_string(value.size());
  out += ':';
  out += value;
}

std::string now_utc() {
  const std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

struct Anchor {
  std::int64_t records = 0;
  std::string head;
  std::string mac;
};

Result<std::optional<Anchor>> read_anchor(Database& db) {
  {
    // A database written before anchors existed, or by a kiosk-audit
    // reading a copy: no table means no anchor.
    Statement table(db, "SELECT 1 FROM sqlite_master WHERE type='table' AND name='audit_anchor'");
    auto row = table.step();
    if (!row) {
      return row.error();
    }
    if (!*row) {
      return std::optional<Anchor>();
    }
  }
  Statement select(db, "SELECT records, head, mac FROM audit_anchor WHERE id=1");
  auto row = select.step();
  if (!row) {
    return row.error();
  }
  if (!*row) {
    return std::optional<Anchor>();
  }
  return std::optional<Anchor>(Anchor{select.integer(0), select.text(1), select.text(2)});
}

Status write_anchor(Database& db, const Key256& secret, std::int64_t records, const std::string& head) {
  Statement upsert(
      db,
      "INSERT INTO audit_anchor(id, records, head, mac) VALUES(1,?,?,?) "
      "ON CONFLICT(id) DO UPDATE SET records=excluded.records, head=excluded.head, mac=excluded.mac");
  upsert.bind(1, records).bind(2, head).bind(3, audit_anchor_mac(secret, records, head));
  if (auto done = upsert.step(); !done) {
    return done.error();
  }
  return Done{};
}

}  // namespace

std::string audit_anchor_mac(const Key256& device_secret, std::int64_t records, std::string_view head) {
  std::string material = "kiosk audit anchor";
  field(material, std::to_string(records));
  field(material, head);
  return hex(hmac_sha256(device_secret, material));
}

std::string audit_chain_hash(const AuditRecord& r) {
  std::string material;
  field(material, r.prev_hash);
  field(material, std::to_string(r.seq));
  field(material, r.at);
  field(material, r.action);
  field(material, r.subject);
  field(material, r.outcome);
  return hex(sha256(material));
}

Result<std::unique_ptr<AuditLog>> AuditLog::open(const std::string& db_path, const Key256& device_secret) {
  auto db = Database::open(db_path);
  if (!db) {
    return db.error();
  }
  if (auto s = (*db)->exec(kAuditSchema); !s) {
    return s.error();
  }
  auto anchor = read_anchor(**db);
  if (!anchor) {
    return anchor.error();
  }
  auto log = std::unique_ptr<AuditLog>(new AuditLog(std::move(*db), device_secret));
  if (!*anchor) {
    // A log from before anchors, or one whose anchor was removed: anchor it
    // again, in the log itself, so the gap in what can be proven shows.
    auto records = list(*log->db_);
    if (!records) {
      return records.error();
    }
    const auto status = records->empty()
                            ? write_anchor(*log->db_, log->secret_, 0, kGenesis)
                            : log->record("audit_anchor_reset", "",
                                          "anchored " + std::to_string(records->size()) + " records");
    if (!status) {
      return status.error();
    }
  }
  return log;
}

std::string AuditLog::subject_hash(std::string_view subject_id) const {
  return subject_id.empty() ? std::string() : hex(hmac_sha256(secret_, subject_id));
}

Status AuditLog::record(std::string_view action, std::string_view subject_id, std::string_view outcome) {
  std::lock_guard lock(mutex_);
  Transaction tx(*db_);
  if (!tx.begun()) {
    return tx.begun().error();
  }
  AuditRecord r;
  {
    Statement last(*db_, "SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1");
    auto row = last.step();
    if (!row) {
      return row.error();
    }
    r.seq = *row ? last.integer(0) + 1 : 1;
    r.prev_hash = *row ? last.text(1) : kGenesis;
  }
  r.at = now_utc();
  r.action = std::string(action);
  r.subject = subject_hash(subject_id);
  r.outcome = std::string(outcome);
  r.hash = audit_chain_hash(r);
  Statement insert(
      *db_, "INSERT INTO audit(seq, at, action, subject, outcome, prev_hash, hash) VALUES(?,?,?,?,?,?,?)");
  insert.bind(1, r.seq)
      .bind(2, r.at)
      .bind(3, r.action)
      .bind(4, r.subject)
      .bind(5, r.outcome)
      .bind(6, r.prev_hash);
  insert.bind(7, r.hash);
  if (auto done = insert.step(); !done) {
    return done.error();
  }
  if (auto anchored = write_anchor(*db_, secret_, r.seq, r.hash); !anchored) {
    return anchored.error();
  }
  return tx.commit();
}

Result<std::vector<AuditRecord>> AuditLog::list(Database& db) {
  Statement select(db, "SELECT seq, at, action, subject, outcome, prev_hash, hash FROM audit ORDER BY seq");
  std::vector<AuditRecord> records;
  for (;;) {
    auto row = select.step();
    if (!row) {
      return row.error();
    }
    if (!*row) {
      return records;
    }
    records.push_back({select.integer(0), select.text(1), select.text(2), select.text(3), select.text(4),
                       select.text(5), select.text(6)});
  }
}

Result<AuditVerification> AuditLog::verify(Database& db, const Key256* device_secret) {
  auto records = list(db);
  if (!records) {
    return records.error();
  }
  AuditVerification v;
  std::string prev = kGenesis;
  std::int64_t expected_seq = 1;
  for (const auto& r : *records) {
    ++v.records;
    std::string problem;
    if (r.seq != expected_seq) {
      problem = "sequence gap before record " + std::to_string(r.seq);
    } else if (r.prev_hash != prev) {
      problem = "record " + std::to_string(r.seq) + " does not follow the previous one";
    } else if (audit_chain_hash(r) != r.hash) {
      problem = "record " + std::to_string(r.seq) + " was altered";
    }
    if (!problem.empty() && v.intact) {
      v.intact = false;
      v.first_bad_seq = r.seq;
      v.reason = problem;
    }
    prev = r.hash;
    expected_seq = r.seq + 1;
  }
  const auto fail = [&v](std::int64_t seq, std::string problem) {
    if (v.intact) {
      v.intact = false;
      v.first_bad_seq = seq;
      v.reason = std::move(problem);
    }
  };
  auto anchor = read_anchor(db);
  if (!anchor) {
    return anchor.error();
  }
  const std::int64_t last_seq = records->empty() ? 0 : records->back().seq;
  const std::string head = records->empty() ? kGenesis : records->back().hash;
  if (!*anchor) {
    if (last_seq > 0) {
      fail(last_seq, "no anchor: records removed at the end would not show");
    }
    return v;
  }
  const Anchor& a = **anchor;
  if (a.records > last_seq) {
    v.missing_at_end = a.records - last_seq;
    fail(last_seq + 1, std::to_string(v.missing_at_end) + " records missing at the end (anchor counts " +
                           std::to_string(a.records) + ", the log ends at " + std::to_string(last_seq) + ")");
  } else if (a.records < last_seq) {
    fail(a.records + 1, "records after " + std::to_string(a.records) + " were added outside the kiosk");
  } else if (a.head != head) {
    fail(last_seq, "record " + std::to_string(last_seq) + " is not the one the anchor names");
  }
  if (device_secret != nullptr) {
    v.anchor_authenticated = true;
    if (a.mac != audit_anchor_mac(*device_secret, a.records, a.head)) {
      fail(a.records, "the anchor was not written by this kiosk");
    }
  }
  return v;
}

}  // namespace kiosk::store
