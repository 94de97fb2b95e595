#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

struct sqlite3;

namespace kiosk::sandbox {

struct StoreError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// What the stand-in remembers between requests (and, with --state FILE,
// between runs): use counts, dossiers, uploads, reports, contacts, the
// idempotency store and the dossier code sequences. Documents are kept as
// JSON in the shape the contract answers with. Not thread-safe: the server
// serialises access.
class StateStore {
 public:
  explicit StateStore(const std::string& path);  // ":memory:" for a fresh state
  ~StateStore();
  StateStore(const StateStore&) = delete;
  StateStore& operator=(const StateStore&) = delete;

  // All changes of one request commit together or not at all.
  class Transaction {
   public:
    explicit Transaction(StateStore& store);
    ~Transaction();
    void commit();
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;

   private:
    StateStore& store_;
    bool done_ = false;
  };

  bool seeded();
  void mark_seeded();

  std::optional<int> times_used(const std::string& item_code);
  void set_times_used(const std::string& item_code, int n);

  void put_dossier(const std::string& id, const std::string& owner_id, const nlohmann::json& doc);
  std::optional<nlohmann::json> dossier(const std::string& id);
  std::optional<nlohmann::json> dossier_by_code(const std::string& dossier_code);
  std::vector<nlohmann::json> submitted_dossiers_of(const std::string& owner_id);

  void put_upload(const std::string& id, const nlohmann::json& doc);
  std::optional<nlohmann::json> upload(const std::string& id);
  void append_chunk(const std::string& upload_id, std::uint64_t offset, std::string_view bytes);
  std::string upload_bytes(const std::string& upload_id, std::uint64_t offset, std::uint64_t length);

  void put_feedback(const std::string& id, const nlohmann::json& doc);
  void put_rating(const std::string& id, const nlohmann::json& doc);
  std::vector<nlohmann::json> ratings();
  std::size_t feedback_count(const std::string& item_code);
  void put_contact(const std::string& citizen_id, const nlohmann::json& doc);
  std::optional<nlohmann::json> contact(const std::string& citizen_id);

  struct StoredReply {
    std::string fingerprint;  // method, path and body hash of the first request
    int status = 0;
    std::string content_type;
    std::string body;
  };
  std::optional<StoredReply> idempotent_reply(const std::string& device, const std::string& key);
  void put_idempotent_reply(const std::string& device, const std::string& key, const StoredReply& reply);

  int next_sequence(const std::string& name);

 private:
  class Statement;
  void exec(const char* sql);
  sqlite3* db_ = nullptr;
};

}  // namespace kiosk::sandbox
