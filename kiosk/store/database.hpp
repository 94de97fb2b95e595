#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "kiosk/core/result.hpp"

struct sqlite3;
struct sqlite3_stmt;

namespace kiosk::store {

// One SQLite connection in WAL mode with synchronous=FULL (a committed
// transaction is on disk when commit returns) and secure_delete=ON (deleted
// rows are overwritten with zeros). One connection per thread.
class Database {
 public:
  static Result<std::unique_ptr<Database>> open(const std::string& path);
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  Status exec(const std::string& sql);
  [[nodiscard]] sqlite3* handle() const { return db_; }
  // The Error for the connection's last failure: DiskFull, StorageCorrupt, Internal.
  [[nodiscard]] Error last_error(const std::string& what) const;

 private:
  explicit Database(sqlite3* db) : db_(db) {}
  sqlite3* db_;
};

// A prepared statement; bind by 1-based index, step, read columns.
class Statement {
 public:
  Statement(Database& db, const char* sql);
  ~Statement();
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  [[nodiscard]] bool prepared() const { return stmt_ != nullptr; }
  Statement& bind(int index, std::int64_t value);
  Statement& bind(int index, const std::string& value);
  Statement& bind(int index, std::span<const std::uint8_t> value);
  // true: a row is ready; false: done. Errors go to `error`.
  Result<bool> step();
  std::int64_t integer(int column);
  std::string text(int column);
  std::vector<std::uint8_t> blob(int column);

 private:
  Database& db_;
  sqlite3_stmt* stmt_ = nullptr;
};

// BEGIN IMMEDIATE … COMMIT, rolled back unless commit() succeeded.
class Transaction {
 public:
  explicit Transaction(Database& db);
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  [[nodiscard]] const Status& begun() const { return begun_; }
  Status commit();

 private:
  Database& db_;
  Status begun_;
  bool open_ = false;
};

}  // namespace kiosk::store
