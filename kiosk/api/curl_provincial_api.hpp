#pragma once

#include <functional>
#include <mutex>
#include <random>

#include "kiosk/api/api_config.hpp"
#include "kiosk/api/http_client.hpp"
#include "kiosk/api/provincial_api.hpp"

namespace kiosk::api {

// The provincial API over libcurl. Thread-safe: each call borrows a pooled
// handle, so a background sender and the citizen's session may call at once.
// Retriable failures (network down, timeout, 5xx, 429/503) are retried with
// exponential backoff and full jitter, waiting at least Retry-After; a wait
// longer than RetryPolicy::max_delay ends the call with ServerBusy instead.
class CurlProvincialApi final : public ProvincialApi {
 public:
  using Sleeper = std::function<void(std::chrono::milliseconds)>;

  explicit CurlProvincialApi(ApiConfig config, Sleeper sleeper = {});

  Result<CitizenRecord> citizen(const std::string& citizen_id) override;
  Result<std::vector<VaultItem>> vault(const std::string& citizen_id, const VaultQuery& query) override;
  Result<std::vector<std::uint8_t>> vault_file(const std::string& citizen_id, const VaultItem& item) override;
  Result<std::vector<ProcedureSummary>> procedures(const std::string& query) override;
  Result<ProcedureDetail> procedure(const std::string& procedure_code) override;
  Result<std::vector<Agency>> agencies(const std::string& procedure_code) override;
  Result<DossierRef> create_dossier(const DossierRequest& request,
                                    const std::string& idempotency_key) override;
  Status attach_vault_item(const std::string& dossier_id, const std::string& component_id,
                           const std::string& item_code, const std::string& idempotency_key) override;
  Status upload_component(const std::string& dossier_id, const std::string& component_id,
                          const std::string& file_name, const std::vector<std::uint8_t>& pdf,
                          const std::string& idempotency_key) override;
  Result<SubmissionReceipt> submit(const std::string& dossier_id,
                                   const std::string& idempotency_key) override;
  Result<DossierStatus> status_by_code(const std::string& dossier_code) override;
  Result<std::vector<DossierStatus>> status_by_citizen(const std::string& citizen_id) override;
  Status report_vault_item(const std::string& citizen_id, const std::string& item_code,
                           VaultFeedbackReason reason, const std::string& comment,
                           const std::string& idempotency_key) override;
  Status set_notification_contact(const std::string& citizen_id, const NotificationContact& contact,
                                  const std::string& consent_text,
                                  const std::string& idempotency_key) override;
  Status send_rating(int stars, const std::string& dossier_code, const std::string& idempotency_key) override;
  void forget_session() override;

 private:
  // Retries as described above; only 2xx answers (and `also_accept`) come
  // back as responses.
  Result<HttpResponse> call(HttpRequest request, long also_accept = 0);
  std::chrono::milliseconds backoff(int attempt);

  HttpClient http_;
  Sleeper sleep_;
  std::mutex random_mutex_;
  std::minstd_rand random_;
};

}  // namespace kiosk::api
