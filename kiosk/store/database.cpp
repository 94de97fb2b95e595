#include "kiosk/store/database.hpp"

#include <sqlite3.h>

namespace kiosk::store {

namespace {

Error error_for(int code, const std::string& what, const char* message) {
  const int primary = code & 0xff;
  std::string detail = what + ": " + (message != nullptr ? message : sqlite3_errstr(code));
  if (primary == SQLITE_FULL || code == SQLITE_IOERR_WRITE) {
    return {ErrorCode::DiskFull, detail};
  }
  if (primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB) {
    return {ErrorCode::StorageCorrupt, detail};
  }
  return {ErrorCode::Internal, detail};
}

}  // namespace

Result<std::unique_ptr<Database>> Database::open(const std::string& path) {
  sqlite3* raw = nullptr;
  const int rc = sqlite3_open_v2(path.c_str(), &raw,
                                 SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX, nullptr);
  std::unique_ptr<Database> db(new Database(raw));
  if (rc != SQLITE_OK) {
    return error_for(rc, "open " + path, raw != nullptr ? sqlite3_errmsg(raw) : nullptr);
  }
  sqlite3_busy_timeout(raw, 5000);
  sqlite3_extended_result_codes(raw, 1);
  for (const char* pragma : {"PRAGMA journal_mode=WAL", "PRAGMA synchronous=FULL", "PRAGMA secure_delete=ON",
                             "PRAGMA foreign_keys=ON"}) {
    if (auto status = db->exec(pragma); !status) {
      return status.error();
    }
  }
  return db;
}

Database::~Database() {
  sqlite3_close_v2(db_);
}

Status Database::exec(const std::string& sql) {
  char* message = nullptr;
  const int rc = sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &message);
  if (rc != SQLITE_OK) {
    Error error = error_for(rc, "exec", message);
    sqlite3_free(message);
    return error;
  }
  return Done{};
}

Error Database::last_error(const std::string& what) const {
  return error_for(sqlite3_extended_errcode(db_), what, sqlite3_errmsg(db_));
}

Statement::Statement(Database& db, const char* sql) : db_(db) {
  sqlite3_prepare_v2(db.handle(), sql, -1, &stmt_, nullptr);
}

Statement::~Statement() {
  sqlite3_finalize(stmt_);
}

Statement& Statement::bind(int index, std::int64_t value) {
  sqlite3_bind_int64(stmt_, index, value);
  return *this;
}

Statement& Statement::bind(int index, const std::string& value) {
  sqlite3_bind_text(stmt_, index, value.data(), static_cast<int>(value.size()), SQLITE_TRANSIENT);
  return *this;
}

Statement& Statement::bind(int index, std::span<const std::uint8_t> value) {
  sqlite3_bind_blob64(stmt_, index, value.data(), value.size(), SQLITE_TRANSIENT);
  return *this;
}

Result<bool> Statement::step() {
  if (stmt_ == nullptr) {
    return db_.last_error("prepare");
  }
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) {
    return true;
  }
  if (rc == SQLITE_DONE) {
    return false;
  }
  return db_.last_error("step");
}

std::int64_t Statement::integer(int column) {
  return sqlite3_column_int64(stmt_, column);
}

std::string Statement::text(int column) {
  const auto* p = sqlite3_column_text(stmt_, column);
  return p == nullptr ? std::string()
                      : std::string(reinterpret_cast<const char*>(p),
                                    static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column)));
}

std::vector<std::uint8_t> Statement::blob(int column) {
  const auto* p = static_cast<const std::uint8_t*>(sqlite3_column_blob(stmt_, column));
  const auto n = static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column));
  return p == nullptr ? std::vector<std::uint8_t>() : std::vector<std::uint8_t>(p, p + n);
}

Transaction::Transaction(Database& db) : db_(db), begun_(db.exec("BEGIN IMMEDIATE")) {
  open_ = begun_.ok();
}

Transaction::~Transaction() {
  if (open_) {
    db_.exec("ROLLBACK");
  }
}

Status Transaction::commit() {
  auto status = db_.exec("COMMIT");
  if (status) {
    open_ = false;
  }
  return status;
}

}  // namespace kiosk::store
