#pragma once

#include <stdexcept>
#include <string>

#include <nlohmann/json.hpp>

namespace kiosk::sandbox {

// An RFC 9457 problem the server answers with. `code` is the stable,
// machine-readable part of the contract (openapi.yaml lists them all);
// `extra` carries the members some codes add (offset, missing_components…).
class Problem : public std::runtime_error {
 public:
  Problem(int status, std::string code, std::string title, std::string detail = {},
          nlohmann::json extra = nlohmann::json::object());

  int status() const { return status_; }
  const std::string& code() const { return code_; }
  const nlohmann::json& extra() const { return extra_; }
  nlohmann::json to_json(const std::string& instance) const;

  static Problem invalid_request(const std::string& pointer, const std::string& detail);
  static Problem not_found(const std::string& code, const std::string& what);

 private:
  int status_;
  std::string code_;
  std::string title_;
  std::string detail_;
  nlohmann::json extra_;
};

}  // namespace kiosk::sandbox
