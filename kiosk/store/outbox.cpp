#include "kiosk/store/outbox.hpp"

#include <sqlite3.h>

#include <algorithm>

namespace kiosk::store {
namespace {

constexpr const char* kSchema = R"(
CREATE TABLE IF NOT EXISTS store_keys(name TEXT PRIMARY KEY, wrapped BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS outbox(
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  reference TEXT NOT NULL UNIQUE,
  created_at INTEGER NOT NULL,
  sealed BLOB NOT NULL,
  progress TEXT NOT NULL DEFAULT '{}',
  attempts INTEGER NOT NULL DEFAULT 0,
  held INTEGER NOT NULL DEFAULT 0,
  last_error TEXT NOT NULL DEFAULT '');
CREATE TABLE IF NOT EXISTS delivered(
  reference TEXT PRIMARY KEY,
  delivered_at INTEGER NOT NULL,
  sealed_code BLOB NOT NULL);
)";

// A pending receipt's reference keeps answering lookups this long after the
// application was delivered.
constexpr std::int64_t kDeliveredKeptSeconds = 90 * 24 * 3600;

// Crockford base32 without look-alike letters, easy to read off a receipt.
std::string new_reference() {
  static constexpr char kAlphabet[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
  const Bytes r = random_bytes(8);
  std::string out = "KO-";
  for (const auto b : r) {
    out.push_back(kAlphabet[b & 31]);
  }
  return out;
}

Result<Key256> data_key(Database& db, KeyWrapper& wrapper) {
  Statement select(db, "SELECT wrapped FROM store_keys WHERE name='outbox'");
  auto row = select.step();
  if (!row) {
    return row.error();
  }
  if (*row) {
    return wrapper.unwrap(select.blob(0));
  }
  Key256 key{};
  const Bytes fresh = random_bytes(key.size());
  std::copy(fresh.begin(), fresh.end(), key.begin());
  auto wrapped = wrapper.wrap(key);
  if (!wrapped) {
    return wrapped.error();
  }
  Statement insert(db, "INSERT INTO store_keys(name, wrapped) VALUES('outbox', ?)");
  insert.bind(1, std::span<const std::uint8_t>(*wrapped));
  if (auto done = insert.step(); !done) {
    return done.error();
  }
  return key;
}

OutboxEntry read_entry(Statement& s) {
  return {s.text(0), s.integer(1), s.text(2), s.integer(3), s.integer(4) != 0, s.text(5)};
}

}  // namespace

Result<std::unique_ptr<Outbox>> Outbox::open(const std::string& db_path, KeyWrapper& wrapper,
                                             OutboxOptions options) {
  auto db = Database::open(db_path);
  if (!db) {
    return db.error();
  }
  if (auto s = (*db)->exec(kSchema); !s) {
    return s.error();
  }
  if (options.max_bytes > 0) {
    const std::int64_t pages = std::max<std::int64_t>(8, options.max_bytes / 4096);
    if (auto s = (*db)->exec("PRAGMA max_page_count=" + std::to_string(pages)); !s) {
      return s.error();
    }
  }
  auto key = data_key(**db, wrapper);
  if (!key) {
    return key.error();
  }
  return std::unique_ptr<Outbox>(new Outbox(std::move(*db), *key));
}

Outbox::~Outbox() {
  std::fill(key_.begin(), key_.end(), 0);
}

Result<std::string> Outbox::put(std::span<const std::uint8_t> application, std::int64_t now_unix) {
  std::lock_guard lock(mutex_);
  const std::string reference = new_reference();
  auto sealed = seal(key_, application, reference);
  if (!sealed) {
    return sealed.error();
  }
  Statement insert(*db_, "INSERT INTO outbox(reference, created_at, sealed) VALUES(?, ?, ?)");
  insert.bind(1, reference).bind(2, now_unix).bind(3, std::span<const std::uint8_t>(*sealed));
  if (auto done = insert.step(); !done) {
    return done.error();
  }
  return reference;
}

Result<Bytes> Outbox::read(const std::string& reference) {
  std::lock_guard lock(mutex_);
  Statement select(*db_, "SELECT sealed FROM outbox WHERE reference=?");
  select.bind(1, reference);
  auto row = select.step();
  if (!row) {
    return row.error();
  }
  if (!*row) {
    return Error{ErrorCode::InvalidInput, "no such outbox entry"};
  }
  return open_sealed(key_, select.blob(0), reference);
}

Result<std::vector<OutboxEntry>> Outbox::entries() {
  std::lock_guard lock(mutex_);
  Statement select(
      *db_, "SELECT reference, created_at, progress, attempts, held, last_error FROM outbox ORDER BY id");
  std::vector<OutboxEntry> list;
  for (;;) {
    auto row = select.step();
    if (!row) {
      return row.error();
    }
    if (!*row) {
      return list;
    }
    list.push_back(read_entry(select));
  }
}

Result<OutboxEntry> Outbox::entry(const std::string& reference) {
  std::lock_guard lock(mutex_);
  Statement select(
      *db_,
      "SELECT reference, created_at, progress, attempts, held, last_error FROM outbox WHERE reference=?");
  select.bind(1, reference);
  auto row = select.step();
  if (!row) {
    return row.error();
  }
  if (!*row) {
    return Error{ErrorCode::InvalidInput, "no such outbox entry"};
  }
  return read_entry(select);
}

Status Outbox::run(const char* sql, const std::string& reference, const std::string& value) {
  std::lock_guard lock(mutex_);
  Statement s(*db_, sql);
  s.bind(1, reference);
  if (!value.empty()) {
    s.bind(2, value);
  }
  auto done = s.step();
  if (!done) {
    return done.error();
  }
  return Done{};
}

Status Outbox::set_progress(const std::string& reference, const std::string& progress) {
  return run("UPDATE outbox SET progress=?2 WHERE reference=?1", reference, progress);
}

Status Outbox::note_failure(const std::string& reference, const std::string& detail, bool hold) {
  return run(hold ? "UPDATE outbox SET attempts=attempts+1, held=1, last_error=?2 WHERE reference=?1"
                  : "UPDATE outbox SET attempts=attempts+1, last_error=?2 WHERE reference=?1",
             reference, detail.empty() ? std::string("unknown") : detail);
}

Status Outbox::release_hold(const std::string& reference) {
  return run("UPDATE outbox SET held=0 WHERE reference=?1", reference);
}

Status Outbox::remove(const std::string& reference) {
  return run("DELETE FROM outbox WHERE reference=?1", reference);
}

Status Outbox::remember_delivery(const std::string& reference, const std::string& dossier_code,
                                 std::int64_t now_unix) {
  std::lock_guard lock(mutex_);
  auto sealed =
      seal(key_, std::span(reinterpret_cast<const std::uint8_t*>(dossier_code.data()), dossier_code.size()),
           "delivered:" + reference);
  if (!sealed) {
    return sealed.error();
  }
  Statement prune(*db_, "DELETE FROM delivered WHERE delivered_at < ?");
  prune.bind(1, now_unix - kDeliveredKeptSeconds);
  if (auto done = prune.step(); !done) {
    return done.error();
  }
  Statement insert(*db_,
                   "INSERT OR REPLACE INTO delivered(reference, delivered_at, sealed_code) VALUES(?, ?, ?)");
  insert.bind(1, reference).bind(2, now_unix).bind(3, std::span<const std::uint8_t>(*sealed));
  if (auto done = insert.step(); !done) {
    return done.error();
  }
  return Done{};
}

Result<std::optional<std::string>> Outbox::delivered_code(const std::string& reference) {
  std::lock_guard lock(mutex_);
  Statement select(*db_, "SELECT sealed_code FROM delivered WHERE reference=?");
  select.bind(1, reference);
  auto row = select.step();
  if (!row) {
    return row.error();
  }
  if (!*row) {
    return std::optional<std::string>();
  }
  auto code = open_sealed(key_, select.blob(0), "delivered:" + reference);
  if (!code) {
    return code.error();
  }
  return std::optional<std::string>(std::string(code->begin(), code->end()));
}

Result<std::int64_t> Outbox::size() {
  std::lock_guard lock(mutex_);
  Statement s(*db_, "SELECT count(*) FROM outbox");
  auto row = s.step();
  if (!row) {
    return row.error();
  }
  return s.integer(0);
}

}  // namespace kiosk::store
