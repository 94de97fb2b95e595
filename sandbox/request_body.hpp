#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace kiosk::sandbox {

// Request bodies of the contract, checked the way openapi.yaml declares
// them: unknown members, wrong types and malformed codes are refused with a
// Problem (invalid_json, invalid_request with a JSON pointer) before any
// state changes.

struct PersonBody {
  std::string id;
  std::string full_name;
  std::string date_of_birth;  // empty when not given
  std::string address;
  std::string phone;
  std::string email;
  nlohmann::json to_json() const;
};

struct DossierBody {
  std::string procedure_code;
  std::string agency_id;
  std::string case_id;
  std::string delivery_method;
  PersonBody owner;
  std::optional<PersonBody> submitter;
};

struct FeedbackBody {
  std::string reason;
  std::string comment;
};

struct RatingBody {
  int stars = 0;             // 1..5
  std::string dossier_code;  // the dossier just submitted, when there is one
};

struct ContactBody {
  std::string phone;
  std::string email;
  std::vector<std::string> channels;
  bool consent = false;
  std::string consent_text;
};

struct UploadBody {
  std::string file_name;
  std::uint64_t size = 0;
  std::string sha256;
};

inline constexpr std::size_t kMaxJsonBody = 64 * 1024;
inline constexpr std::uint64_t kMaxUploadSize = 50ull * 1024 * 1024;

// A JSON object or Problem(400, invalid_json).
nlohmann::json parse_json_object(std::string_view body);

DossierBody parse_dossier_body(std::string_view body);
FeedbackBody parse_feedback_body(std::string_view body);
ContactBody parse_contact_body(std::string_view body);
RatingBody parse_rating_body(std::string_view body);
UploadBody parse_upload_body(std::string_view body);
std::string parse_finish_body(std::string_view body);            // the whole-file sha256
std::string parse_vault_attachment_body(std::string_view body);  // the item code

// Shapes of identifiers in paths and bodies.
bool is_citizen_id(std::string_view s);
bool is_procedure_code(std::string_view s);
bool is_vault_item_code(std::string_view s);
bool is_short_id(std::string_view s);    // components, agencies, cases: [a-z0-9_]{1,32}
bool is_identifier(std::string_view s);  // server-made ids: [A-Za-z0-9_-]{8,64}
bool is_sha256_hex(std::string_view s);
bool is_dossier_code(std::string_view s);

}  // namespace kiosk::sandbox
