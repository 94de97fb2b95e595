#include "sandbox/problem.hpp"

namespace kiosk::sandbox {

Problem::Problem(int status, std::string code, std::string title, std::string detail, nlohmann::json extra)
    : std::runtime_error(code),
      status_(status),
      code_(std::move(code)),
      title_(std::move(title)),
      detail_(std::move(detail)),
      extra_(std::move(extra)) {}

nlohmann::json Problem::to_json(const std::string& instance) const {
  nlohmann::json j = extra_;
  j["type"] = "urn:kiosk:problem:" + code_;
  j["title"] = title_;
  j["status"] = status_;
  j["code"] = code_;
  if (!detail_.empty()) {
    j["detail"] = detail_;
  }
  if (!instance.empty()) {
    j["instance"] = instance;
  }
  return j;
}

Problem Problem::invalid_request(const std::string& pointer, const std::string& detail) {
  return Problem(400, "invalid_request", "Invalid request", pointer + ": " + detail,
                 {{"errors", nlohmann::json::array({{{"pointer", pointer}, {"detail", detail}}})}});
}

Problem Problem::not_found(const std::string& code, const std::string& what) {
  return Problem(404, code, "Not found", what + " does not exist");
}

}  // namespace kiosk::sandbox
