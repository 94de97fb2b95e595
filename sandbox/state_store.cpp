#include "sandbox/state_store.hpp"

#include <algorithm>

#include <sqlite3.h>

namespace kiosk::sandbox {

using nlohmann::json;

class StateStore::Statement {
 public:
  Statement(sqlite3* db, const char* sql) : db_(db) {
    if (sqlite3_prepare_v2(db, sql, -1, &stmt_, nullptr) != SQLITE_OK) {
      throw StoreError(std::string("SQL prepare: ") + sqlite3_errmsg(db));
    }
  }
  ~Statement() { sqlite3_finalize(stmt_); }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  Statement& bind(int i, std::string_view text) {
    check(sqlite3_bind_text(stmt_, i, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT));
    return *this;
  }
  Statement& bind_blob(int i, std::string_view bytes) {
    check(sqlite3_bind_blob64(stmt_, i, bytes.data(), bytes.size(), SQLITE_TRANSIENT));
    return *this;
  }
  Statement& bind(int i, std::int64_t v) {
    check(sqlite3_bind_int64(stmt_, i, v));
    return *this;
  }
  // true while there is a row
  bool step() {
    const int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) {
      return true;
    }
    if (rc != SQLITE_DONE) {
      throw StoreError(std::string("SQL step: ") + sqlite3_errmsg(db_));
    }
    return false;
  }
  std::string text(int col) const {
    const auto* p = sqlite3_column_blob(stmt_, col);
    const int n = sqlite3_column_bytes(stmt_, col);
    return p == nullptr ? std::string()
                        : std::string(static_cast<const char*>(p), static_cast<std::size_t>(n));
  }
  std::int64_t integer(int col) const { return sqlite3_column_int64(stmt_, col); }

 private:
  void check(int rc) {
    if (rc != SQLITE_OK) {
      throw StoreError(std::string("SQL bind: ") + sqlite3_errmsg(db_));
    }
  }
  sqlite3* db_;
  sqlite3_stmt* stmt_ = nullptr;
};

StateStore::StateStore(const std::string& path) {
  if (sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                      nullptr) != SQLITE_OK) {
    const std::string msg = db_ != nullptr ? sqlite3_errmsg(db_) : "out of memory";
    sqlite3_close(db_);
    throw StoreError("cannot open state " + path + ": " + msg);
  }
  exec("PRAGMA journal_mode=WAL");
  exec("PRAGMA synchronous=NORMAL");
  exec(R"sql(
    CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
    CREATE TABLE IF NOT EXISTS vault_use(code TEXT PRIMARY KEY, times_used INTEGER NOT NULL);
    CREATE TABLE IF NOT EXISTS dossier(id TEXT PRIMARY KEY, owner_id TEXT NOT NULL, code TEXT UNIQUE,
                                       received_at TEXT, doc TEXT NOT NULL);
    CREATE INDEX IF NOT EXISTS dossier_owner ON dossier(owner_id);
    CREATE TABLE IF NOT EXISTS upload(id TEXT PRIMARY KEY, doc TEXT NOT NULL);
    CREATE TABLE IF NOT EXISTS upload_chunk(upload_id TEXT NOT NULL, offset INTEGER NOT NULL, data BLOB NOT NULL,
                                            PRIMARY KEY(upload_id, offset));
    CREATE TABLE IF NOT EXISTS feedback(id TEXT PRIMARY KEY, item_code TEXT NOT NULL, doc TEXT NOT NULL);
    CREATE TABLE IF NOT EXISTS rating(id TEXT PRIMARY KEY, doc TEXT NOT NULL);
    CREATE TABLE IF NOT EXISTS contact(citizen_id TEXT PRIMARY KEY, doc TEXT NOT NULL);
    CREATE TABLE IF NOT EXISTS idempotency(device TEXT NOT NULL, key TEXT NOT NULL, fingerprint TEXT NOT NULL,
                                           status INTEGER NOT NULL, content_type TEXT NOT NULL, body BLOB NOT NULL,
                                           PRIMARY KEY(device, key));
    CREATE TABLE IF NOT EXISTS sequence(name TEXT PRIMARY KEY, value INTEGER NOT NULL);
  )sql");
}

StateStore::~StateStore() {
  sqlite3_close(db_);
}

void StateStore::exec(const char* sql) {
  char* err = nullptr;
  if (sqlite3_exec(db_, sql, nullptr, nullptr, &err) != SQLITE_OK) {
    const std::string msg = err != nullptr ? err : "unknown";
    sqlite3_free(err);
    throw StoreError("SQL: " + msg);
  }
}

StateStore::Transaction::Transaction(StateStore& store) : store_(store) {
  store_.exec("BEGIN IMMEDIATE");
}

StateStore::Transaction::~Transaction() {
  if (!done_) {
    sqlite3_exec(store_.db_, "ROLLBACK", nullptr, nullptr, nullptr);
  }
}

void StateStore::Transaction::commit() {
  store_.exec("COMMIT");
  done_ = true;
}

bool StateStore::seeded() {
  Statement s(db_, "SELECT value FROM meta WHERE key = 'seeded'");
  return s.step();
}

void StateStore::mark_seeded() {
  exec("INSERT OR REPLACE INTO meta(key, value) VALUES('seeded', '1')");
}

std::optional<int> StateStore::times_used(const std::string& item_code) {
  Statement s(db_, "SELECT times_used FROM vault_use WHERE code = ?");
  s.bind(1, item_code);
  if (!s.step()) {
    return std::nullopt;
  }
  return static_cast<int>(s.integer(0));
}

void StateStore::set_times_used(const std::string& item_code, int n) {
  Statement s(db_, "INSERT OR REPLACE INTO vault_use(code, times_used) VALUES(?, ?)");
  s.bind(1, item_code).bind(2, std::int64_t{n});
  s.step();
}

void StateStore::put_dossier(const std::string& id, const std::string& owner_id, const json& doc) {
  Statement s(db_,
              "INSERT OR REPLACE INTO dossier(id, owner_id, code, received_at, doc) VALUES(?, ?, ?, ?, ?)");
  s.bind(1, id).bind(2, owner_id);
  const auto& code = doc.at("dossier_code");
  if (code.is_string()) {
    s.bind(3, code.get<std::string>());
    s.bind(4, doc.at("received_at").get<std::string>());
  }
  s.bind(5, doc.dump());
  s.step();
}

std::optional<json> StateStore::dossier(const std::string& id) {
  Statement s(db_, "SELECT doc FROM dossier WHERE id = ?");
  s.bind(1, id);
  if (!s.step()) {
    return std::nullopt;
  }
  return json::parse(s.text(0));
}

std::optional<json> StateStore::dossier_by_code(const std::string& dossier_code) {
  Statement s(db_, "SELECT doc FROM dossier WHERE code = ?");
  s.bind(1, dossier_code);
  if (!s.step()) {
    return std::nullopt;
  }
  return json::parse(s.text(0));
}

std::vector<json> StateStore::submitted_dossiers_of(const std::string& owner_id) {
  Statement s(
      db_,
      "SELECT doc FROM dossier WHERE owner_id = ? AND code IS NOT NULL ORDER BY received_at DESC, code DESC");
  s.bind(1, owner_id);
  std::vector<json> out;
  while (s.step()) {
    out.push_back(json::parse(s.text(0)));
  }
  return out;
}

void StateStore::put_upload(const std::string& id, const json& doc) {
  Statement s(db_, "INSERT OR REPLACE INTO upload(id, doc) VALUES(?, ?)");
  s.bind(1, id).bind(2, doc.dump());
  s.step();
}

std::optional<json> StateStore::upload(const std::string& id) {
  Statement s(db_, "SELECT doc FROM upload WHERE id = ?");
  s.bind(1, id);
  if (!s.step()) {
    return std::nullopt;
  }
  return json::parse(s.text(0));
}

void StateStore::append_chunk(const std::string& upload_id, std::uint64_t offset, std::string_view bytes) {
  Statement s(db_, "INSERT INTO upload_chunk(upload_id, offset, data) VALUES(?, ?, ?)");
  s.bind(1, upload_id).bind(2, static_cast<std::int64_t>(offset)).bind_blob(3, bytes);
  s.step();
}

std::string StateStore::upload_bytes(const std::string& upload_id, std::uint64_t offset,
                                     std::uint64_t length) {
  // Chunks are contiguous (the server only appends at the current end), so
  // the range is the concatenation of the chunks it overlaps.
  Statement s(db_,
              "SELECT offset, data FROM upload_chunk WHERE upload_id = ? AND offset < ? AND offset + "
              "length(data) > ? "
              "ORDER BY offset");
  s.bind(1, upload_id)
      .bind(2, static_cast<std::int64_t>(offset + length))
      .bind(3, static_cast<std::int64_t>(offset));
  std::string out;
  while (s.step()) {
    const auto chunk_offset = static_cast<std::uint64_t>(s.integer(0));
    const std::string data = s.text(1);
    const std::uint64_t from = offset > chunk_offset ? offset - chunk_offset : 0;
    const std::uint64_t end = std::min<std::uint64_t>(data.size(), offset + length - chunk_offset);
    out.append(data, from, end - from);
  }
  return out;
}

void StateStore::put_feedback(const std::string& id, const json& doc) {
  Statement s(db_, "INSERT INTO feedback(id, item_code, doc) VALUES(?, ?, ?)");
  s.bind(1, id).bind(2, doc.at("item_code").get<std::string>()).bind(3, doc.dump());
  s.step();
}

std::size_t StateStore::feedback_count(const std::string& item_code) {
  Statement s(db_, "SELECT count(*) FROM feedback WHERE item_code = ?");
  s.bind(1, item_code);
  s.step();
  return static_cast<std::size_t>(s.integer(0));
}

void StateStore::put_rating(const std::string& id, const json& doc) {
  Statement s(db_, "INSERT INTO rating(id, doc) VALUES(?, ?)");
  s.bind(1, id).bind(2, doc.dump());
  s.step();
}

std::vector<json> StateStore::ratings() {
  Statement s(db_, "SELECT doc FROM rating ORDER BY rowid");
  std::vector<json> out;
  while (s.step()) {
    out.push_back(json::parse(s.text(0)));
  }
  return out;
}

void StateStore::put_contact(const std::string& citizen_id, const json& doc) {
  Statement s(db_, "INSERT OR REPLACE INTO contact(citizen_id, doc) VALUES(?, ?)");
  s.bind(1, citizen_id).bind(2, doc.dump());
  s.step();
}

std::optional<json> StateStore::contact(const std::string& citizen_id) {
  Statement s(db_, "SELECT doc FROM contact WHERE citizen_id = ?");
  s.bind(1, citizen_id);
  if (!s.step()) {
    return std::nullopt;
  }
  return json::parse(s.text(0));
}

std::optional<StateStore::StoredReply> StateStore::idempotent_reply(const std::string& device,
                                                                    const std::string& key) {
  Statement s(db_,
              "SELECT fingerprint, status, content_type, body FROM idempotency WHERE device = ? AND key = ?");
  s.bind(1, device).bind(2, key);
  if (!s.step()) {
    return std::nullopt;
  }
  return StoredReply{s.text(0), static_cast<int>(s.integer(1)), s.text(2), s.text(3)};
}

void StateStore::put_idempotent_reply(const std::string& device, const std::string& key,
                                      const StoredReply& reply) {
  Statement s(db_,
              "INSERT OR REPLACE INTO idempotency(device, key, fingerprint, status, content_type, body) "
              "VALUES(?, ?, ?, ?, ?, ?)");
  s.bind(1, device).bind(2, key).bind(3, reply.fingerprint).bind(4, std::int64_t{reply.status});
  s.bind(5, reply.content_type).bind_blob(6, reply.body);
  s.step();
}

int StateStore::next_sequence(const std::string& name) {
  Statement up(
      db_,
      "INSERT INTO sequence(name, value) VALUES(?, 1) ON CONFLICT(name) DO UPDATE SET value = value + 1 "
      "RETURNING value");
  up.bind(1, name);
  if (!up.step()) {
    throw StoreError("sequence " + name + " did not advance");
  }
  return static_cast<int>(up.integer(0));
}

}  // namespace kiosk::sandbox
