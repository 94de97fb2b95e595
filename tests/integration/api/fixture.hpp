#pragma once

#include <nlohmann/json.hpp>

#include <set>
#include <string>

#include "kiosk/api/curl_provincial_api.hpp"
#include "kiosk/api/http_client.hpp"
#include "kiosk/core/application.hpp"

namespace kiosk::test {

inline constexpr const char* kToken = "kiosk-sandbox-dev-token";
inline constexpr const char* kCitizen = "052090000495";
inline constexpr const char* kMarriage = "1.000894.000.00.00.H34";

inline api::ApiConfig config_for(const std::string& url) {
  api::ApiConfig c;
  c.base_url = url;
  c.bearer_token = kToken;
  c.retry.max_attempts = 6;
  c.retry.base_delay = std::chrono::milliseconds(20);
  c.retry.max_delay = std::chrono::milliseconds(2000);
  c.call_timeout = std::chrono::milliseconds(5000);
  c.upload_chunk = 256 * 1024;
  return c;
}

// A scanned paper as the scanner driver makes it: a PDF of `size` bytes.
inline std::vector<std::uint8_t> scanned_pdf(std::size_t size) {
  std::string head = "%PDF-1.7\n";
  std::vector<std::uint8_t> pdf(head.begin(), head.end());
  pdf.resize(size - 6, 0);
  for (std::size_t i = head.size(); i < pdf.size(); ++i) {
    pdf[i] = static_cast<std::uint8_t>((i * 2654435761U) >> 13);
  }
  for (const char c : std::string("%%EOF\n")) {
    pdf.push_back(static_cast<std::uint8_t>(c));
  }
  return pdf;
}

// Đăng ký kết hôn: the declaration scanned, the other two taken from the vault.
inline ApplicationDraft marriage_application(std::size_t scan_bytes = 2 * 1024 * 1024) {
  ApplicationDraft d;
  d.procedure_code = kMarriage;
  d.procedure_name = "Thủ tục đăng ký kết hôn";
  d.case_id = "c1";
  d.agency_id = "ubnd_le_loi";
  d.applicant.id_number = kCitizen;
  d.applicant.full_name = "Nguyễn Văn An";
  d.applicant.date_of_birth = CivilDate::from_ymd(1990, 3, 15);
  d.applicant.place_of_residence = "Số 12 Trần Hưng Đạo, Phường Lê Lợi, Thành phố Quy Nhơn, Tỉnh Bình Định";
  d.components = {{"tp1", "", scanned_pdf(scan_bytes), false},
                  {"tp2", "052090000495.KQ.G03.000211.04112026", {}, true},
                  {"tp3", "052090000495.KQ.G15.000021.02022024", {}, true}};
  return d;
}

// The sandbox's admin paths (loopback only, no token).
inline nlohmann::json admin(const std::string& url, const std::string& method, const std::string& path,
                            const std::string& body = {}) {
  api::ApiConfig c;
  c.base_url = url;
  api::HttpClient http(c);
  api::HttpRequest r;
  r.method = method;
  r.path = path;
  r.body = {reinterpret_cast<const std::uint8_t*>(body.data()), body.size()};
  r.headers = {{"Content-Type", "application/json"}};
  auto answer = http.exchange(r);
  if (!answer || answer->status != 200) {
    return {};
  }
  return nlohmann::json::parse(answer->body, nullptr, false);
}

inline void set_faults(const std::string& url, const nlohmann::json& faults) {
  admin(url, "PUT", "/_sandbox/faults", nlohmann::json{{"faults", faults}}.dump());
}

// Idempotency keys of dossier creations the server answered with 201.
inline std::set<std::string> created_dossier_keys(const std::string& url) {
  std::set<std::string> keys;
  const auto journal = admin(url, "GET", "/_sandbox/requests");
  if (journal.is_object() && journal.contains("requests")) {
    for (const auto& r : journal["requests"]) {
      if (r.value("method", "") == "POST" && r.value("path", "") == "/v1/dossiers" &&
          r.value("status", 0) == 201) {
        keys.insert(r.value("idempotency_key", ""));
      }
    }
  }
  return keys;
}

inline std::size_t submitted_dossiers(const std::string& url) {
  api::CurlProvincialApi api(config_for(url));
  auto list = api.status_by_citizen(kCitizen);
  return list ? list->size() : 9999;
}

}  // namespace kiosk::test
