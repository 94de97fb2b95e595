#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "sandbox/civil_date.hpp"
#include "sandbox/demo_data.hpp"
#include "sandbox/request_body.hpp"
#include "sandbox/state_store.hpp"

namespace kiosk::sandbox {

// A successful answer: status and JSON body. Failures are thrown as Problem.
struct Reply {
  int status = 200;
  nlohmann::json body;
};

struct FileReply {
  std::string bytes;
  std::string sha256;
  std::string name;
};

// The provincial system's behaviour behind the contract: vault reads,
// reuse rules, dossiers, resumable uploads, submission with dossier codes and
// appointment dates, status, reports and contacts. Pure logic over DemoData
// and StateStore with an injected clock, so unit tests drive it directly.
// Not thread-safe: the HTTP layer serialises calls.
class ProvincialService {
 public:
  using Clock = std::function<std::chrono::system_clock::time_point()>;

  // `today` fixes the date used for validity and appointments (tests, demos
  // recorded on a given day); otherwise it follows the clock.
  ProvincialService(const DemoData& data, StateStore& store, Clock clock,
                    std::optional<CivilDate> today = std::nullopt);

  static constexpr std::uint64_t kChunkSizeMax = 1024 * 1024;

  Reply citizen(const std::string& citizen_id);
  Reply vault(const std::string& citizen_id, const std::string& q, const std::string& catalog_code,
              const std::string& kind, const std::string& status);
  Reply vault_item(const std::string& citizen_id, const std::string& item_code);
  FileReply vault_file(const std::string& citizen_id, const std::string& item_code);
  Reply report(const std::string& citizen_id, const std::string& item_code, const FeedbackBody& body);
  Reply contact(const std::string& citizen_id);
  Reply put_contact(const std::string& citizen_id, const ContactBody& body);
  Reply dossiers_of(const std::string& citizen_id);
  // The citizen's 1-5 satisfaction rating at the end of a kiosk session.
  Reply rate(const RatingBody& body, const std::string& device);
  Reply ratings();
  Reply suggestions(const std::string& citizen_id, const std::string& procedure_code);

  Reply catalog() const;
  Reply procedures(const std::string& q, const std::string& field) const;
  Reply procedure(const std::string& procedure_code) const;
  Reply agencies(const std::string& procedure_code) const;
  Reply delivery_methods() const;

  Reply create_dossier(const DossierBody& body);
  Reply dossier(const std::string& dossier_id);
  Reply attach_vault_item(const std::string& dossier_id, const std::string& component_id,
                          const std::string& item_code);
  Reply detach(const std::string& dossier_id, const std::string& component_id);
  Reply create_upload(const std::string& dossier_id, const std::string& component_id, const UploadBody& body);
  Reply upload(const std::string& upload_id);
  Reply put_chunk(const std::string& upload_id, std::uint64_t offset, const std::string& chunk_sha256,
                  std::string_view bytes);
  Reply finish_upload(const std::string& upload_id, const std::string& sha256);
  Reply submit(const std::string& dossier_id);
  Reply status(const std::string& dossier_code);

  CivilDate today() const;
  std::string item_status(const VaultItemSpec& item) const;  // valid | expired | revoked

 private:
  const nlohmann::json& known_citizen(const std::string& citizen_id) const;
  const VaultItemSpec& owned_item(const std::string& citizen_id, const std::string& item_code) const;
  nlohmann::json item_json(const VaultItemSpec& item);
  nlohmann::json procedure_json(const ProcedureSpec& p) const;
  nlohmann::json draft(const std::string& dossier_id);
  nlohmann::json& component_of(nlohmann::json& dossier, const std::string& component_id);
  nlohmann::json receipt(const nlohmann::json& dossier) const;
  nlohmann::json status_json(const nlohmann::json& dossier) const;
  nlohmann::json upload_json(const nlohmann::json& upload) const;
  std::string new_id() const;
  std::string now_text() const;

  const DemoData& data_;
  StateStore& store_;
  Clock clock_;
  std::optional<CivilDate> today_;
};

}  // namespace kiosk::sandbox
