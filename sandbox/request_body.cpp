#include "sandbox/request_body.hpp"

#include <set>

#include "kiosk/core/split.hpp"
#include "sandbox/civil_date.hpp"
#include "sandbox/problem.hpp"

namespace kiosk::sandbox {
namespace {

using nlohmann::json;

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}
bool is_upper(char c) {
  return c >= 'A' && c <= 'Z';
}
bool is_lower(char c) {
  return c >= 'a' && c <= 'z';
}

bool all_digits(std::string_view s, std::size_t n) {
  if (s.size() != n) {
    return false;
  }
  for (const char c : s) {
    if (!is_digit(c)) {
      return false;
    }
  }
  return true;
}

// Reads one JSON object member by member, remembering which were consumed so
// that unknown members are refused (additionalProperties: false).
class ObjectReader {
 public:
  ObjectReader(const json& object, std::string pointer) : object_(object), pointer_(std::move(pointer)) {
    if (!object_.is_object()) {
      throw Problem::invalid_request(pointer_.empty() ? "/" : pointer_, "must be an object");
    }
  }

  std::optional<std::string> string(const std::string& name, std::size_t max_length) {
    const json* v = member(name);
    if (v == nullptr) {
      return std::nullopt;
    }
    if (!v->is_string()) {
      throw Problem::invalid_request(at(name), "must be a string");
    }
    std::string s = v->get<std::string>();
    if (s.size() > max_length) {
      throw Problem::invalid_request(at(name), "is longer than " + std::to_string(max_length) + " bytes");
    }
    return s;
  }

  std::string required_string(const std::string& name, std::size_t max_length) {
    auto s = string(name, max_length);
    if (!s) {
      throw Problem::invalid_request(at(name), "is required");
    }
    return *s;
  }

  template <class Check>
  std::string required_shaped(const std::string& name, Check check, const std::string& shape) {
    std::string s = required_string(name, 256);
    if (!check(s)) {
      throw Problem::invalid_request(at(name), "must be " + shape);
    }
    return s;
  }

  const json* member(const std::string& name) {
    seen_.insert(name);
    const auto it = object_.find(name);
    return it == object_.end() ? nullptr : &*it;
  }

  std::string at(const std::string& name) const { return pointer_ + "/" + name; }

  void finish() const {
    for (const auto& [key, value] : object_.items()) {
      if (!seen_.contains(key)) {
        throw Problem::invalid_request(at(key), "is not a member of this request");
      }
    }
  }

 private:
  const json& object_;
  std::string pointer_;
  std::set<std::string> seen_;
};

PersonBody read_person(const json& object, const std::string& pointer) {
  ObjectReader r(object, pointer);
  PersonBody p;
  p.id = r.required_shaped("id", is_citizen_id, "a 12-digit personal identification number");
  p.full_name = r.required_string("full_name", 200);
  if (p.full_name.empty()) {
    throw Problem::invalid_request(r.at("full_name"), "must not be empty");
  }
  p.date_of_birth = r.string("date_of_birth", 10).value_or("");
  if (!p.date_of_birth.empty() && !CivilDate::parse(p.date_of_birth)) {
    throw Problem::invalid_request(r.at("date_of_birth"), "must be a date YYYY-MM-DD");
  }
  p.address = r.string("address", 500).value_or("");
  p.phone = r.string("phone", 20).value_or("");
  p.email = r.string("email", 254).value_or("");
  r.finish();
  return p;
}

bool is_phone(std::string_view s) {
  return s.size() == 10 && s[0] == '0' && all_digits(s, 10);
}

bool is_email(std::string_view s) {
  const std::size_t at = s.find('@');
  if (at == std::string_view::npos || at == 0 || s.find('@', at + 1) != std::string_view::npos) {
    return false;
  }
  const std::size_t dot = s.find('.', at + 2);
  if (dot == std::string_view::npos || dot + 1 >= s.size()) {
    return false;
  }
  for (const char c : s) {
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
      return false;
    }
  }
  return true;
}

}  // namespace

json PersonBody::to_json() const {
  json j{{"id", id}, {"full_name", full_name}};
  if (!date_of_birth.empty()) {
    j["date_of_birth"] = date_of_birth;
  }
  if (!address.empty()) {
    j["address"] = address;
  }
  if (!phone.empty()) {
    j["phone"] = phone;
  }
  if (!email.empty()) {
    j["email"] = email;
  }
  return j;
}

json parse_json_object(std::string_view body) {
  if (body.size() > kMaxJsonBody) {
    throw Problem(413, "payload_too_large", "Request body too large",
                  "JSON bodies are limited to " + std::to_string(kMaxJsonBody) + " bytes");
  }
  json j = json::parse(body, nullptr, false);
  if (j.is_discarded()) {
    throw Problem(400, "invalid_json", "Malformed JSON", "The request body is not well-formed UTF-8 JSON");
  }
  if (!j.is_object()) {
    throw Problem(400, "invalid_json", "Malformed JSON", "The request body must be a JSON object");
  }
  return j;
}

DossierBody parse_dossier_body(std::string_view body) {
  const json j = parse_json_object(body);
  ObjectReader r(j, "");
  DossierBody d;
  d.procedure_code =
      r.required_shaped("procedure_code", is_procedure_code, "a procedure code like 1.001193.000.00.00.H34");
  d.agency_id = r.required_shaped("agency_id", is_short_id, "an agency id");
  d.case_id = r.required_shaped("case_id", is_short_id, "a case id");
  d.delivery_method = r.required_string("delivery_method", 32);
  if (d.delivery_method != "at_office" && d.delivery_method != "post" && d.delivery_method != "online") {
    throw Problem::invalid_request("/delivery_method", "must be at_office, post or online");
  }
  const json* owner = r.member("owner");
  if (owner == nullptr) {
    throw Problem::invalid_request("/owner", "is required");
  }
  d.owner = read_person(*owner, "/owner");
  if (const json* submitter = r.member("submitter"); submitter != nullptr) {
    d.submitter = read_person(*submitter, "/submitter");
  }
  r.finish();
  return d;
}

FeedbackBody parse_feedback_body(std::string_view body) {
  const json j = parse_json_object(body);
  ObjectReader r(j, "");
  FeedbackBody f;
  f.reason = r.required_string("reason", 64);
  if (f.reason != "wrong_citizen_information" && f.reason != "not_my_result" &&
      f.reason != "not_signed_by_government_cipher_committee") {
    throw Problem::invalid_request(
        "/reason",
        "must be wrong_citizen_information, not_my_result or not_signed_by_government_cipher_committee");
  }
  f.comment = r.string("comment", 2000).value_or("");
  r.finish();
  return f;
}

RatingBody parse_rating_body(std::string_view body) {
  const json j = parse_json_object(body);
  ObjectReader r(j, "");
  RatingBody rating;
  const json* stars = r.member("stars");
  if (stars == nullptr || !stars->is_number_integer() || stars->get<std::int64_t>() < 1 ||
      stars->get<std::int64_t>() > 5) {
    throw Problem::invalid_request("/stars", "must be a whole number from 1 to 5");
  }
  rating.stars = static_cast<int>(stars->get<std::int64_t>());
  rating.dossier_code = r.string("dossier_code", 64).value_or("");
  if (!rating.dossier_code.empty() && !is_dossier_code(rating.dossier_code)) {
    throw Problem::invalid_request("/dossier_code", "must be a dossier code");
  }
  r.finish();
  return rating;
}

ContactBody parse_contact_body(std::string_view body) {
  const json j = parse_json_object(body);
  ObjectReader r(j, "");
  ContactBody c;
  c.phone = r.string("phone", 20).value_or("");
  if (!c.phone.empty() && !is_phone(c.phone)) {
    throw Problem::invalid_request("/phone", "must be a 10-digit phone number starting with 0");
  }
  c.email = r.string("email", 254).value_or("");
  if (!c.email.empty() && !is_email(c.email)) {
    throw Problem::invalid_request("/email", "must be an e-mail address");
  }
  const json* channels = r.member("channels");
  if (channels == nullptr || !channels->is_array() || channels->empty()) {
    throw Problem::invalid_request("/channels", "must be a non-empty array");
  }
  std::set<std::string> seen;
  for (std::size_t i = 0; i < channels->size(); ++i) {
    const json& ch = (*channels)[i];
    const std::string pointer = "/channels/" + std::to_string(i);
    if (!ch.is_string()) {
      throw Problem::invalid_request(pointer, "must be a string");
    }
    const std::string name = ch.get<std::string>();
    if (name != "sms" && name != "zalo" && name != "email") {
      throw Problem::invalid_request(pointer, "must be sms, zalo or email");
    }
    if (!seen.insert(name).second) {
      throw Problem::invalid_request(pointer, "is repeated");
    }
    if ((name == "sms" || name == "zalo") && c.phone.empty()) {
      throw Problem::invalid_request("/phone", "is required for SMS and Zalo notifications");
    }
    if (name == "email" && c.email.empty()) {
      throw Problem::invalid_request("/email", "is required for e-mail notifications");
    }
    c.channels.push_back(name);
  }
  const json* consent = r.member("consent");
  if (consent == nullptr || !consent->is_boolean()) {
    throw Problem::invalid_request("/consent", "must be true or false");
  }
  c.consent = consent->get<bool>();
  c.consent_text = r.string("consent_text", 2000).value_or("");
  r.finish();
  if (!c.consent) {
    throw Problem(422, "consent_required", "Consent required",
                  "The citizen must agree before a contact is recorded for notifications");
  }
  return c;
}

UploadBody parse_upload_body(std::string_view body) {
  const json j = parse_json_object(body);
  ObjectReader r(j, "");
  UploadBody u;
  u.file_name = r.required_string("file_name", 255);
  if (u.file_name.empty()) {
    throw Problem::invalid_request("/file_name", "must not be empty");
  }
  if (const auto type = r.string("content_type", 64); type && *type != "application/pdf") {
    throw Problem(415, "unsupported_media_type", "Unsupported media type",
                  "Scanned components are PDF files");
  }
  const json* size = r.member("size");
  if (size == nullptr || !size->is_number_integer() || size->get<std::int64_t>() < 1) {
    throw Problem::invalid_request("/size", "must be a positive integer");
  }
  u.size = size->get<std::uint64_t>();
  if (u.size > kMaxUploadSize) {
    throw Problem(413, "upload_too_large", "File too large",
                  "A component file may have at most " + std::to_string(kMaxUploadSize) + " bytes");
  }
  u.sha256 = r.required_shaped("sha256", is_sha256_hex, "64 lowercase hex digits");
  r.finish();
  return u;
}

std::string parse_finish_body(std::string_view body) {
  const json j = parse_json_object(body);
  ObjectReader r(j, "");
  std::string sha = r.required_shaped("sha256", is_sha256_hex, "64 lowercase hex digits");
  r.finish();
  return sha;
}

std::string parse_vault_attachment_body(std::string_view body) {
  const json j = parse_json_object(body);
  ObjectReader r(j, "");
  std::string code = r.required_shaped("item_code", is_vault_item_code, "a vault document code");
  r.finish();
  return code;
}

bool is_citizen_id(std::string_view s) {
  return all_digits(s, 12);
}

bool is_procedure_code(std::string_view s) {
  const auto parts = split(s, '.');
  if (parts.size() != 6) {
    return false;
  }
  const std::size_t lengths[] = {1, 6, 3, 2, 2};
  for (std::size_t i = 0; i < 5; ++i) {
    if (!all_digits(parts[i], lengths[i])) {
      return false;
    }
  }
  return parts[5].size() == 3 && is_upper(parts[5][0]) && is_digit(parts[5][1]) && is_digit(parts[5][2]);
}

bool is_vault_item_code(std::string_view s) {
  const auto parts = split(s, '.');
  if (parts.size() != 5 || parts[0].size() < 9 || parts[0].size() > 12 ||
      !all_digits(parts[0], parts[0].size())) {
    return false;
  }
  if (parts[1] != "KQ" && parts[1] != "TP") {
    return false;
  }
  if (parts[2].size() != 3 || parts[2][0] != 'G' || !all_digits(parts[2].substr(1), 2) ||
      !all_digits(parts[3], 6) || parts[4].empty() || parts[4].size() > 32) {
    return false;
  }
  for (const char c : parts[4]) {
    if (!is_digit(c) && !is_upper(c) && !is_lower(c)) {
      return false;
    }
  }
  return true;
}

bool is_short_id(std::string_view s) {
  if (s.empty() || s.size() > 32) {
    return false;
  }
  for (const char c : s) {
    if (!is_lower(c) && !is_digit(c) && c != '_') {
      return false;
    }
  }
  return true;
}

bool is_identifier(std::string_view s) {
  if (s.size() < 8 || s.size() > 64) {
    return false;
  }
  for (const char c : s) {
    if (!is_lower(c) && !is_upper(c) && !is_digit(c) && c != '_' && c != '-') {
      return false;
    }
  }
  return true;
}

bool is_sha256_hex(std::string_view s) {
  if (s.size() != 64) {
    return false;
  }
  for (const char c : s) {
    if (!is_digit(c) && (c < 'a' || c > 'f')) {
      return false;
    }
  }
  return true;
}

bool is_dossier_code(std::string_view s) {
  const auto parts = split(s, '-');
  if (parts.size() != 3 || !all_digits(parts[1], 6) || !all_digits(parts[2], 4)) {
    return false;
  }
  const auto agency = split(parts[0], '.');
  if (agency[0].size() != 3 || !is_upper(agency[0][0]) || !all_digits(agency[0].substr(1), 2)) {
    return false;
  }
  for (std::size_t i = 1; i < agency.size(); ++i) {
    if (agency[i].empty() || agency[i].size() > 8) {
      return false;
    }
    for (const char c : agency[i]) {
      if (!is_digit(c) && !is_upper(c)) {
        return false;
      }
    }
  }
  return true;
}

}  // namespace kiosk::sandbox
