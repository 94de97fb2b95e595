#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "kiosk/core/application.hpp"
#include "kiosk/core/civil_date.hpp"
#include "kiosk/core/procedure.hpp"
#include "kiosk/core/result.hpp"
#include "kiosk/core/vault_feedback.hpp"
#include "kiosk/core/vault_item.hpp"

namespace kiosk::api {

// A citizen as the provincial system knows them (personal data).
struct CitizenRecord {
  std::string id;
  std::string old_id;
  std::string full_name;
  std::optional<CivilDate> date_of_birth;
  std::string sex;
  std::string place_of_residence;
  bool has_vault = false;
  std::uint32_t vault_item_count = 0;
};

struct VaultQuery {
  std::string text{};          // q: name, code, decision number, summary
  std::string catalog_code{};  // G15
  bool valid_only = false;     // status=valid
};

struct ProcedureSummary {
  std::string code;
  std::string name;
  std::string field;
};

struct ProcedureDetail {
  Procedure procedure;  // without agency: that is the kiosk's centre's choice
};

struct Agency {
  std::string id;
  std::string code;
  std::string name;
};

struct DossierOwner {
  std::string id;
  std::string full_name;
  std::optional<CivilDate> date_of_birth;
  std::string address;
  std::string phone;
  std::string email;
};

struct DossierRequest {
  std::string procedure_code;
  std::string agency_id;
  std::string case_id;
  ResultDelivery delivery = ResultDelivery::AtOffice;
  DossierOwner owner;
};

struct DossierRef {
  std::string id;
  std::string state;  // draft, received, ...
  std::optional<std::string> dossier_code;
};

// Where the server stands on a resumable upload.
struct UploadState {
  std::string id;
  std::uint64_t size = 0;
  std::uint64_t offset = 0;
  std::uint32_t chunk_size_max = 0;
  bool finished = false;
};

// The provincial administrative procedure API (sandbox/openapi.yaml). Every
// call blocks until it has an answer or a typed Error; implementations are
// safe to call from several threads. Mutating calls take the idempotency key
// the caller chose, so repeating a call after a timeout never does the work
// twice.
class ProvincialApi {
 public:
  virtual ~ProvincialApi() = default;

  virtual Result<CitizenRecord> citizen(const std::string& citizen_id) = 0;
  virtual Result<std::vector<VaultItem>> vault(const std::string& citizen_id, const VaultQuery& query) = 0;
  // The signed PDF, checked against the item's size and sha256.
  virtual Result<std::vector<std::uint8_t>> vault_file(const std::string& citizen_id,
                                                       const VaultItem& item) = 0;
  virtual Result<std::vector<ProcedureSummary>> procedures(const std::string& query) = 0;
  virtual Result<ProcedureDetail> procedure(const std::string& procedure_code) = 0;
  virtual Result<std::vector<Agency>> agencies(const std::string& procedure_code) = 0;

  virtual Result<DossierRef> create_dossier(const DossierRequest& request,
                                            const std::string& idempotency_key) = 0;
  virtual Status attach_vault_item(const std::string& dossier_id, const std::string& component_id,
                                   const std::string& item_code, const std::string& idempotency_key) = 0;
  // Uploads a scanned PDF in chunks, resuming where the server stopped after
  // a dropped connection, then has the server check the whole-file sha256.
  virtual Status upload_component(const std::string& dossier_id, const std::string& component_id,
                                  const std::string& file_name, const std::vector<std::uint8_t>& pdf,
                                  const std::string& idempotency_key) = 0;
  virtual Result<SubmissionReceipt> submit(const std::string& dossier_id,
                                           const std::string& idempotency_key) = 0;

  virtual Result<DossierStatus> status_by_code(const std::string& dossier_code) = 0;
  virtual Result<std::vector<DossierStatus>> status_by_citizen(const std::string& citizen_id) = 0;
  virtual Status report_vault_item(const std::string& citizen_id, const std::string& item_code,
                                   VaultFeedbackReason reason, const std::string& comment,
                                   const std::string& idempotency_key) = 0;
  virtual Status set_notification_contact(const std::string& citizen_id, const NotificationContact& contact,
                                          const std::string& consent_text,
                                          const std::string& idempotency_key) = 0;

  // The citizen's 1-5 rating of the session, with the dossier just submitted
  // (empty when none); nothing personal.
  virtual Status send_rating(int stars, const std::string& dossier_code,
                             const std::string& idempotency_key) = 0;

  // Lets go of whatever the client keeps between calls that may name the
  // citizen of the session that just ended.
  virtual void forget_session() = 0;
};

}  // namespace kiosk::api
