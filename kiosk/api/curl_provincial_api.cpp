#include "kiosk/api/curl_provincial_api.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <thread>

#include "kiosk/api/contract.hpp"
#include "kiosk/store/digest.hpp"

namespace kiosk::api {
namespace {

constexpr std::uint64_t kMaxUpload = 52428800;  // UploadRequest.size maximum

std::span<const std::uint8_t> bytes_of(const std::string& s) {
  return {reinterpret_cast<const std::uint8_t*>(s.data()), s.size()};
}

std::string percent_encode(std::string_view text) {
  static constexpr char kDigits[] = "0123456789ABCDEF";
  std::string out;
  for (const char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (std::isalnum(u) != 0 || c == '-' || c == '_' || c == '.' || c == '~') {
      out.push_back(c);
    } else {
      out.push_back('%');
      out.push_back(kDigits[u >> 4]);
      out.push_back(kDigits[u & 0xf]);
    }
  }
  return out;
}

bool already_finished(const HttpResponse& response) {
  if (response.status != 409) {
    return false;
  }
  const auto problem = contract::parse_problem(response.body);
  return problem && problem->code == "upload_already_finished";
}

Error invalid(std::string what) {
  return {ErrorCode::InvalidInput, std::move(what)};
}

bool is_key(const std::string& key) {
  return key.size() >= 8 && key.size() <= 128 &&
         std::all_of(key.begin(), key.end(), [](char c) { return c >= 0x21 && c <= 0x7e; });
}

HttpRequest json_request(std::string method, std::string path, const std::string& body,
                         const std::string& key) {
  HttpRequest r;
  r.method = std::move(method);
  r.path = std::move(path);
  r.body = bytes_of(body);
  r.headers.emplace_back("Content-Type", "application/json");
  if (!key.empty()) {
    r.headers.emplace_back("Idempotency-Key", key);
  }
  return r;
}

}  // namespace

CurlProvincialApi::CurlProvincialApi(ApiConfig config, Sleeper sleeper)
    : http_(std::move(config)), sleep_(std::move(sleeper)), random_(std::random_device{}()) {
  if (!sleep_) {
    sleep_ = [](std::chrono::milliseconds d) { std::this_thread::sleep_for(d); };
  }
}

std::chrono::milliseconds CurlProvincialApi::backoff(int attempt) {
  const auto& policy = http_.config().retry;
  const auto ceiling =
      std::min<std::int64_t>(policy.max_delay.count(), policy.base_delay.count() << std::min(attempt, 20));
  std::lock_guard lock(random_mutex_);
  return std::chrono::milliseconds(
      std::uniform_int_distribution<std::int64_t>(ceiling / 2, ceiling)(random_));
}

Result<HttpResponse> CurlProvincialApi::call(HttpRequest request, long also_accept) {
  const auto& policy = http_.config().retry;
  Error last{ErrorCode::Internal, "no attempt"};
  bool waited = false;  // Retry-After already spent the pause before this attempt
  for (int attempt = 0; attempt < std::max(1, policy.max_attempts); ++attempt) {
    if (attempt > 0 && !waited) {
      sleep_(backoff(attempt - 1));
    }
    waited = false;
    auto result = http_.exchange(request);
    if (!result) {
      last = result.error();
    } else if ((result->status >= 200 && result->status < 300) || result->status == also_accept) {
      return result;
    } else {
      last = http_error(*result);
      if (result->retry_after && last.retriable()) {
        const std::chrono::milliseconds wait(std::int64_t{*result->retry_after} * 1000);
        if (wait > policy.max_delay) {
          return last;  // the server asked for longer than a person should wait
        }
        sleep_(std::max(wait, backoff(attempt)));
        waited = true;
        continue;
      }
    }
    if (!last.retriable()) {
      return last;
    }
  }
  return last;
}

Result<CitizenRecord> CurlProvincialApi::citizen(const std::string& citizen_id) {
  if (!contract::is_citizen_id(citizen_id)) {
    return invalid("citizen id");
  }
  auto r = call({.path = "/v1/citizens/" + citizen_id});
  if (!r) {
    return r.error();
  }
  return contract::parse_citizen(r->body);
}

Result<std::vector<VaultItem>> CurlProvincialApi::vault(const std::string& citizen_id,
                                                        const VaultQuery& query) {
  if (!contract::is_citizen_id(citizen_id) || query.text.size() > 200) {
    return invalid("vault query");
  }
  std::string path = "/v1/citizens/" + citizen_id + "/vault";
  char sep = '?';
  const auto add = [&](std::string_view name, std::string_view value) {
    path += sep;
    path += name;
    path += '=';
    path += percent_encode(value);
    sep = '&';
  };
  if (!query.text.empty()) {
    add("q", query.text);
  }
  if (!query.catalog_code.empty()) {
    add("catalog_code", query.catalog_code);
  }
  if (query.valid_only) {
    add("status", "valid");
  }
  auto r = call({.path = path});
  if (!r) {
    return r.error();
  }
  return contract::parse_vault_item_list(r->body);
}

Result<std::vector<std::uint8_t>> CurlProvincialApi::vault_file(const std::string& citizen_id,
                                                                const VaultItem& item) {
  if (!contract::is_citizen_id(citizen_id) || !contract::is_vault_item_code(item.code)) {
    return invalid("vault item");
  }
  if (item.file_size > http_.config().max_pdf) {
    return Error{ErrorCode::BadResponse, "vault file larger than allowed"};
  }
  HttpRequest request{.path = "/v1/citizens/" + citizen_id + "/vault/" + item.code + "/file"};
  request.max_response = http_.config().max_pdf;
  request.timeout = http_.config().transfer_timeout;
  auto r = call(std::move(request));
  if (!r) {
    return r.error();
  }
  std::vector<std::uint8_t> pdf(r->body.begin(), r->body.end());
  store::Digest digest = store::sha256(pdf);
  if (pdf.size() != item.file_size || store::hex(digest) != item.sha256 ||
      (!r->content_sha256.empty() && r->content_sha256 != item.sha256)) {
    return Error{ErrorCode::BadResponse, "vault file does not match its size or sha256"};
  }
  return pdf;
}

Result<std::vector<ProcedureSummary>> CurlProvincialApi::procedures(const std::string& query) {
  if (query.size() > 200) {
    return invalid("procedure query");
  }
  auto r = call({.path = query.empty() ? "/v1/procedures" : "/v1/procedures?q=" + percent_encode(query)});
  if (!r) {
    return r.error();
  }
  return contract::parse_procedure_list(r->body);
}

Result<ProcedureDetail> CurlProvincialApi::procedure(const std::string& code) {
  if (!contract::is_procedure_code(code)) {
    return invalid("procedure code");
  }
  auto r = call({.path = "/v1/procedures/" + code});
  if (!r) {
    return r.error();
  }
  return contract::parse_procedure(r->body);
}

Result<std::vector<Agency>> CurlProvincialApi::agencies(const std::string& code) {
  if (!contract::is_procedure_code(code)) {
    return invalid("procedure code");
  }
  auto r = call({.path = "/v1/procedures/" + code + "/agencies"});
  if (!r) {
    return r.error();
  }
  return contract::parse_agency_list(r->body);
}

Result<DossierRef> CurlProvincialApi::create_dossier(const DossierRequest& request, const std::string& key) {
  if (!is_key(key) || !contract::is_procedure_code(request.procedure_code) ||
      !contract::is_citizen_id(request.owner.id)) {
    return invalid("dossier request");
  }
  const std::string body = contract::dossier_request_json(request);
  auto r = call(json_request("POST", "/v1/dossiers", body, key));
  if (!r) {
    return r.error();
  }
  return contract::parse_dossier(r->body);
}

Status CurlProvincialApi::attach_vault_item(const std::string& dossier_id, const std::string& component_id,
                                            const std::string& item_code, const std::string& key) {
  if (!contract::is_identifier(dossier_id) || !contract::is_component_id(component_id) ||
      !contract::is_vault_item_code(item_code) || !is_key(key)) {
    return invalid("vault attachment");
  }
  const std::string body = nlohmann::json{{"item_code", item_code}}.dump();
  auto r = call(json_request(
      "PUT", "/v1/dossiers/" + dossier_id + "/components/" + component_id + "/vault-item", body, key));
  if (!r) {
    return r.error();
  }
  return contract::parse_dossier_component(r->body);
}

Status CurlProvincialApi::upload_component(const std::string& dossier_id, const std::string& component_id,
                                           const std::string& file_name, const std::vector<std::uint8_t>& pdf,
                                           const std::string& key) {
  if (!contract::is_identifier(dossier_id) || !contract::is_component_id(component_id) || !is_key(key) ||
      pdf.empty() || pdf.size() > kMaxUpload || file_name.empty() || file_name.size() > 255) {
    return invalid("upload");
  }
  const std::string whole = store::sha256_hex(pdf);
  const std::string start_body = nlohmann::json{
      {"file_name", file_name},
      {"content_type", "application/pdf"},
      {"size", pdf.size()},
      {"sha256", whole}}.dump();
  auto started =
      call(json_request("POST", "/v1/dossiers/" + dossier_id + "/components/" + component_id + "/uploads",
                        start_body, key),
           409);
  if (!started) {
    return started.error();
  }
  if (started->status == 409) {
    return already_finished(*started) ? Status(Done{}) : Status(http_error(*started));
  }
  auto upload = contract::parse_upload(started->body);
  if (!upload) {
    return upload.error();
  }
  if (upload->size != pdf.size()) {
    return Error{ErrorCode::BadResponse, "upload size differs from the file"};
  }
  const std::string upload_path = "/v1/uploads/" + upload->id;
  const std::size_t chunk =
      std::max<std::size_t>(1, std::min<std::size_t>(http_.config().upload_chunk, upload->chunk_size_max));
  std::uint64_t offset = upload->offset;
  int failures = 0;
  const int max_failures = std::max(1, http_.config().retry.max_attempts);
  while (!upload->finished && offset < pdf.size()) {
    const std::size_t n = std::min<std::uint64_t>(chunk, pdf.size() - offset);
    const std::span<const std::uint8_t> piece(pdf.data() + offset, n);
    HttpRequest put{.method = "PUT", .path = upload_path};
    put.body = piece;
    put.timeout = http_.config().transfer_timeout;
    put.headers = {{"Content-Type", "application/octet-stream"},
                   {"Upload-Offset", std::to_string(offset)},
                   {"Chunk-Sha256", store::sha256_hex(piece)}};
    auto answer = http_.exchange(put);
    if (answer && answer->status == 200) {
      auto state = contract::parse_upload(answer->body);
      if (!state) {
        return state.error();
      }
      if (state->offset <= offset && state->offset != pdf.size()) {
        return Error{ErrorCode::BadResponse, "upload offset did not advance"};
      }
      offset = state->offset;
      failures = 0;
      continue;
    }
    if (answer && already_finished(*answer)) {
      return Done{};  // an earlier run of this upload got to the end
    }
    if (answer && answer->status == 409) {
      const auto problem = contract::parse_problem(answer->body);
      if (problem && problem->code == "upload_offset_mismatch" && problem->offset &&
          *problem->offset <= pdf.size()) {
        offset = *problem->offset;
        if (++failures >= max_failures * 2) {
          return Error{ErrorCode::BadResponse, "upload offset keeps moving"};
        }
        continue;
      }
    }
    const Error error = answer ? http_error(*answer) : answer.error();
    if (!error.retriable() || ++failures >= max_failures) {
      return error;
    }
    sleep_(backoff(failures - 1));
    // Ask where the server stands: the chunk may have been stored before the connection dropped.
    auto state = call({.path = upload_path});
    if (!state) {
      return state.error();
    }
    auto parsed = contract::parse_upload(state->body);
    if (!parsed) {
      return parsed.error();
    }
    offset = parsed->offset;
    upload->finished = parsed->finished;
  }
  if (upload->finished) {
    return Done{};
  }
  const std::string finish_body = nlohmann::json{{"sha256", whole}}.dump();
  auto finished = http_.exchange(json_request("POST", upload_path + "/finish", finish_body, key + ".finish"));
  for (int attempt = 1;
       attempt < max_failures &&
       (!finished ? finished.error().retriable() : finished->status >= 500 || finished->status == 429);
       ++attempt) {
    sleep_(backoff(attempt - 1));
    finished = http_.exchange(json_request("POST", upload_path + "/finish", finish_body, key + ".finish"));
  }
  if (!finished) {
    return finished.error();
  }
  if (already_finished(*finished)) {
    return Done{};
  }
  if (finished->status != 200) {
    return http_error(*finished);
  }
  return contract::parse_dossier_component(finished->body);
}

Result<SubmissionReceipt> CurlProvincialApi::submit(const std::string& dossier_id, const std::string& key) {
  if (!contract::is_identifier(dossier_id) || !is_key(key)) {
    return invalid("submit");
  }
  auto r = call(json_request("POST", "/v1/dossiers/" + dossier_id + "/submit", "", key));
  if (!r) {
    return r.error();
  }
  return contract::parse_receipt(r->body);
}

Result<DossierStatus> CurlProvincialApi::status_by_code(const std::string& dossier_code) {
  if (!contract::is_dossier_code(dossier_code)) {
    return invalid("dossier code");
  }
  auto r = call({.path = "/v1/dossier-status/" + dossier_code});
  if (!r) {
    return r.error();
  }
  return contract::parse_dossier_status(r->body);
}

Result<std::vector<DossierStatus>> CurlProvincialApi::status_by_citizen(const std::string& citizen_id) {
  // The 12-digit CCCD number, or a 9-digit CMND number still in older records.
  const bool old_id =
      citizen_id.size() == 9 && citizen_id.find_first_not_of("0123456789") == std::string::npos;
  if (!contract::is_citizen_id(citizen_id) && !old_id) {
    return invalid("citizen id");
  }
  auto r = call({.path = "/v1/citizens/" + citizen_id + "/dossiers"});
  if (!r) {
    return r.error();
  }
  return contract::parse_dossier_status_list(r->body);
}

Status CurlProvincialApi::report_vault_item(const std::string& citizen_id, const std::string& item_code,
                                            VaultFeedbackReason reason, const std::string& comment,
                                            const std::string& key) {
  if (!contract::is_citizen_id(citizen_id) || !contract::is_vault_item_code(item_code) || !is_key(key) ||
      comment.size() > 2000) {
    return invalid("feedback");
  }
  nlohmann::json body{{"reason", contract::feedback_reason_name(reason)}};
  if (!comment.empty()) {
    body["comment"] = comment;
  }
  const std::string text = body.dump();
  auto r = call(
      json_request("POST", "/v1/citizens/" + citizen_id + "/vault/" + item_code + "/feedback", text, key));
  if (!r) {
    return r.error();
  }
  return contract::parse_feedback(r->body);
}

Status CurlProvincialApi::send_rating(int stars, const std::string& dossier_code, const std::string& key) {
  if (stars < 1 || stars > 5 || (!dossier_code.empty() && !contract::is_dossier_code(dossier_code)) ||
      !is_key(key)) {
    return invalid("rating");
  }
  nlohmann::json body{{"stars", stars}};
  if (!dossier_code.empty()) {
    body["dossier_code"] = dossier_code;
  }
  const std::string text = body.dump();
  auto r = call(json_request("POST", "/v1/ratings", text, key));
  if (!r) {
    return r.error();
  }
  return contract::parse_rating(r->body);
}

Status CurlProvincialApi::set_notification_contact(const std::string& citizen_id,
                                                   const NotificationContact& contact,
                                                   const std::string& consent_text, const std::string& key) {
  if (!contract::is_citizen_id(citizen_id) || !contact.consent || !is_key(key)) {
    return invalid("notification contact needs consent");
  }
  const std::string body = contract::notification_contact_json(contact, consent_text);
  auto r = call(json_request("PUT", "/v1/citizens/" + citizen_id + "/notification-contact", body, key));
  if (!r) {
    return r.error();
  }
  return contract::parse_notification_contact(r->body);
}

void CurlProvincialApi::forget_session() {
  http_.close_idle();
}

}  // namespace kiosk::api
