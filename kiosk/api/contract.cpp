#include "kiosk/api/contract.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <limits>

namespace kiosk::api::contract {
namespace {

using nlohmann::json;

// Thrown only inside this file and turned into BadResponse at each entry.
struct Violation {
  std::string where;
};

bool all_of(std::string_view text, int (*pred)(int)) {
  return std::all_of(text.begin(), text.end(),
                     [&](char c) { return pred(static_cast<unsigned char>(c)) != 0; });
}

bool digits(std::string_view text, std::size_t n) {
  return text.size() == n && all_of(text, ::isdigit);
}

bool upper_digit(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

constexpr std::size_t kMaxText = 64 * 1024;
constexpr std::size_t kMaxItems = 10000;

const json& member(const json& object, const char* name) {
  if (!object.is_object()) {
    throw Violation{std::string("object expected around ") + name};
  }
  const auto it = object.find(name);
  if (it == object.end()) {
    throw Violation{std::string("missing ") + name};
  }
  return *it;
}

std::string text(const json& object, const char* name, std::size_t max = kMaxText) {
  const json& value = member(object, name);
  if (!value.is_string()) {
    throw Violation{std::string(name) + " is not a string"};
  }
  const auto& s = value.get_ref<const std::string&>();
  if (s.size() > max) {
    throw Violation{std::string(name) + " too long"};
  }
  return s;
}

std::string optional_text(const json& object, const char* name) {
  if (!object.is_object() || !object.contains(name) || object.at(name).is_null()) {
    return {};
  }
  return text(object, name);
}

template <class Check>
std::string checked(const json& object, const char* name, Check check) {
  auto s = text(object, name, 256);
  if (!check(s)) {
    throw Violation{std::string(name) + " does not match the contract"};
  }
  return s;
}

bool boolean(const json& object, const char* name) {
  const json& value = member(object, name);
  if (!value.is_boolean()) {
    throw Violation{std::string(name) + " is not a boolean"};
  }
  return value.get<bool>();
}

std::uint64_t unsigned_integer(const json& object, const char* name,
                               std::uint64_t max = std::numeric_limits<std::int64_t>::max()) {
  const json& value = member(object, name);
  if (!value.is_number_integer()) {
    throw Violation{std::string(name) + " is not an integer"};
  }
  if (value.is_number_unsigned()) {
    const auto v = value.get<std::uint64_t>();
    if (v > max) {
      throw Violation{std::string(name) + " out of range"};
    }
    return v;
  }
  const auto v = value.get<std::int64_t>();
  if (v < 0 || static_cast<std::uint64_t>(v) > max) {
    throw Violation{std::string(name) + " out of range"};
  }
  return static_cast<std::uint64_t>(v);
}

bool is_date(std::string_view s) {
  return s.size() == 10 && digits(s.substr(0, 4), 4) && s[4] == '-' && digits(s.substr(5, 2), 2) &&
         s[7] == '-' && digits(s.substr(8, 2), 2);
}

CivilDate date(const json& object, const char* name) {
  const auto s = text(object, name, 32);
  const auto parsed = is_date(s) ? CivilDate::from_iso(s) : std::nullopt;
  if (!parsed) {
    throw Violation{std::string(name) + " is not a date"};
  }
  return *parsed;
}

std::optional<CivilDate> nullable_date(const json& object, const char* name) {
  if (member(object, name).is_null()) {
    return std::nullopt;
  }
  return date(object, name);
}

// An RFC 3339 instant; the kiosk only needs its calendar day (UTC+7 local).
CivilDate instant_day(const json& object, const char* name) {
  const auto s = text(object, name, 64);
  if (s.size() < 19 || s[10] != 'T' || !is_date(std::string_view(s).substr(0, 10))) {
    throw Violation{std::string(name) + " is not a date-time"};
  }
  const auto parsed = CivilDate::from_iso(std::string_view(s).substr(0, 10));
  if (!parsed) {
    throw Violation{std::string(name) + " is not a date-time"};
  }
  return *parsed;
}

const json& array(const json& object, const char* name) {
  const json& value = member(object, name);
  if (!value.is_array() || value.size() > kMaxItems) {
    throw Violation{std::string(name) + " is not a bounded array"};
  }
  return value;
}

json document(std::string_view body) {
  if (body.size() > kMaxJsonBody) {
    throw Violation{"body too large"};
  }
  json parsed = json::parse(body.begin(), body.end(), nullptr, false);
  if (parsed.is_discarded()) {
    throw Violation{"not JSON"};
  }
  if (!parsed.is_object()) {
    throw Violation{"not a JSON object"};
  }
  return parsed;
}

template <class Fn>
auto guarded(std::string_view what, Fn fn) -> decltype(fn()) {
  try {
    return fn();
  } catch (const Violation& v) {
    return Error{ErrorCode::BadResponse, std::string(what) + ": " + v.where};
  } catch (const json::exception& e) {
    return Error{ErrorCode::BadResponse, std::string(what) + ": " + e.what()};
  }
}

VaultItem vault_item(const json& j) {
  VaultItem item;
  item.code = checked(j, "code", is_vault_item_code);
  item.name = text(j, "name");
  const auto kind = text(j, "kind", 16);
  if (kind != "result" && kind != "input") {
    throw Violation{"kind"};
  }
  item.kind = kind == "result" ? VaultItemKind::Result : VaultItemKind::InputPaper;
  const json& catalog = member(j, "catalog");
  item.catalog_code = text(catalog, "code", 8);
  item.catalog_name = text(catalog, "name");
  item.vault_type = text(j, "vault_type", 16);
  const json& file = member(j, "file");
  item.file_size = unsigned_integer(file, "size");
  if (item.file_size == 0) {
    throw Violation{"file.size"};
  }
  item.sha256 = checked(file, "sha256", is_sha256_hex);
  item.owner_id = checked(j, "owner_id", is_citizen_id);
  item.decision_number = text(j, "decision_number");
  item.summary = text(j, "summary");
  item.times_used = static_cast<std::uint32_t>(unsigned_integer(j, "times_used", 0xffffffffU));
  item.valid_from = date(j, "valid_from");
  item.valid_until = nullable_date(j, "valid_until");
  item.issuing_agency = text(j, "issuing_agency");
  item.issue_date = date(j, "issue_date");
  item.validity_scope = text(j, "validity_scope");
  item.revoked = boolean(j, "revoked");
  // The server's own verdict wins over our reading of the dates, including a
  // status added after this kiosk was built: it is kept (and never offered)
  // instead of failing the whole vault.
  item.status = checked(j, "status", [](const std::string& s) {
    return !s.empty() && s.size() <= 32 &&
           std::all_of(s.begin(), s.end(), [](char c) { return (c >= 'a' && c <= 'z') || c == '_'; });
  });
  item.revoked = item.revoked || item.status == "revoked";
  return item;
}

PaperForm paper_form(const std::string& kind) {
  if (kind == "original") {
    return PaperForm::Original;
  }
  if (kind == "copy") {
    return PaperForm::Copy;
  }
  if (kind == "electronic") {
    return PaperForm::Electronic;
  }
  throw Violation{"component kind"};
}

DossierStatus dossier_status(const json& j) {
  DossierStatus s;
  s.dossier_code = checked(j, "dossier_code", is_dossier_code);
  checked(j, "procedure_code", is_procedure_code);
  s.procedure_name = text(j, "procedure_name");
  s.owner_id = checked(j, "owner_id", is_citizen_id);
  s.owner_name = text(j, "owner_name");
  s.received = instant_day(j, "received_at");
  s.appointment = date(j, "appointment_date");
  text(j, "state", 32);
  s.status = text(j, "state_name");
  return s;
}

void dossier_component(const json& j) {
  checked(j, "id", is_component_id);
  text(j, "name");
  if (unsigned_integer(j, "quantity") < 1) {
    throw Violation{"quantity"};
  }
  paper_form(text(j, "kind", 16));
  boolean(j, "optional");
  const json& attachment = member(j, "attachment");
  if (!attachment.is_null()) {
    const auto source = text(attachment, "source", 16);
    if (source != "vault" && source != "upload") {
      throw Violation{"attachment.source"};
    }
    const json& file = member(attachment, "file");
    checked(file, "sha256", is_sha256_hex);
    unsigned_integer(file, "size");
    text(attachment, "note");
  }
}

std::string delivery_name(ResultDelivery delivery) {
  switch (delivery) {
    case ResultDelivery::AtOffice:
      return "at_office";
    case ResultDelivery::ByPost:
      return "post";
    case ResultDelivery::Online:
      return "online";
  }
  return "at_office";
}

}  // namespace

bool is_citizen_id(std::string_view s) {
  return digits(s, 12);
}

bool is_identifier(std::string_view s) {
  return s.size() >= 8 && s.size() <= 64 && std::all_of(s.begin(), s.end(), [](char c) {
           return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_' || c == '-';
         });
}

bool is_sha256_hex(std::string_view s) {
  return s.size() == 64 && std::all_of(s.begin(), s.end(), [](char c) {
           return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
         });
}

bool is_component_id(std::string_view s) {
  return !s.empty() && s.size() <= 32 && std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
}

// ^[A-Z][0-9]{2}(\.[0-9A-Z]+)*-[0-9]{6}-[0-9]{4}$
bool is_dossier_code(std::string_view s) {
  if (s.size() < 3 + 12 || s.size() > 64 || !(s[0] >= 'A' && s[0] <= 'Z') || !digits(s.substr(1, 2), 2)) {
    return false;
  }
  const auto tail = s.substr(s.size() - 12);
  if (tail[0] != '-' || !digits(tail.substr(1, 6), 6) || tail[7] != '-' || !digits(tail.substr(8), 4)) {
    return false;
  }
  auto middle = s.substr(3, s.size() - 15);
  while (!middle.empty()) {
    if (middle[0] != '.') {
      return false;
    }
    middle.remove_prefix(1);
    std::size_t n = 0;
    while (n < middle.size() && upper_digit(middle[n])) {
      ++n;
    }
    if (n == 0) {
      return false;
    }
    middle.remove_prefix(n);
  }
  return true;
}

// ^[0-9]{9,12}\.(KQ|TP)\.G[0-9]{2}\.[0-9]{6}\.[0-9A-Za-z]+$
bool is_vault_item_code(std::string_view s) {
  if (s.size() > 128) {
    return false;
  }
  const auto dot = s.find('.');
  if (dot == std::string_view::npos || dot < 9 || dot > 12 || !digits(s.substr(0, dot), dot)) {
    return false;
  }
  auto rest = s.substr(dot + 1);
  if (rest.size() < 3 + 4 + 7 + 2 || !(rest.substr(0, 3) == "KQ." || rest.substr(0, 3) == "TP.")) {
    return false;
  }
  rest.remove_prefix(3);
  if (rest[0] != 'G' || !digits(rest.substr(1, 2), 2) || rest[3] != '.' || !digits(rest.substr(4, 6), 6) ||
      rest[10] != '.') {
    return false;
  }
  rest.remove_prefix(11);
  return !rest.empty() && all_of(rest, ::isalnum);
}

// ^[0-9]\.[0-9]{6}\.[0-9]{3}\.[0-9]{2}\.[0-9]{2}\.[A-Z][0-9]{2}$
bool is_procedure_code(std::string_view s) {
  return s.size() == 22 && digits(s.substr(0, 1), 1) && s[1] == '.' && digits(s.substr(2, 6), 6) &&
         s[8] == '.' && digits(s.substr(9, 3), 3) && s[12] == '.' && digits(s.substr(13, 2), 2) &&
         s[15] == '.' && digits(s.substr(16, 2), 2) && s[18] == '.' && s[19] >= 'A' && s[19] <= 'Z' &&
         digits(s.substr(20, 2), 2);
}

Result<CitizenRecord> parse_citizen(std::string_view body) {
  return guarded("citizen", [&]() -> Result<CitizenRecord> {
    const json j = document(body);
    CitizenRecord c;
    c.id = checked(j, "id", is_citizen_id);
    c.old_id = optional_text(j, "old_id");
    if (!c.old_id.empty() && !digits(c.old_id, 9)) {
      throw Violation{"old_id"};
    }
    c.full_name = text(j, "full_name", 200);
    if (c.full_name.empty()) {
      throw Violation{"full_name empty"};
    }
    c.date_of_birth = date(j, "date_of_birth");
    c.sex = text(j, "sex", 8);
    c.place_of_residence = text(j, "place_of_residence");
    c.has_vault = boolean(j, "has_vault");
    c.vault_item_count = static_cast<std::uint32_t>(unsigned_integer(j, "vault_item_count", 0xffffffffU));
    return c;
  });
}

Result<std::vector<VaultItem>> parse_vault_item_list(std::string_view body) {
  return guarded("vault list", [&]() -> Result<std::vector<VaultItem>> {
    const json j = document(body);
    checked(j, "owner_id", is_citizen_id);
    std::vector<VaultItem> items;
    for (const auto& entry : array(j, "items")) {
      items.push_back(vault_item(entry));
    }
    return items;
  });
}

Result<std::vector<ProcedureSummary>> parse_procedure_list(std::string_view body) {
  return guarded("procedure list", [&]() -> Result<std::vector<ProcedureSummary>> {
    const json j = document(body);
    std::vector<ProcedureSummary> list;
    for (const auto& entry : array(j, "procedures")) {
      list.push_back({checked(entry, "code", is_procedure_code), text(entry, "name"), text(entry, "field")});
    }
    return list;
  });
}

Result<ProcedureDetail> parse_procedure(std::string_view body) {
  return guarded("procedure", [&]() -> Result<ProcedureDetail> {
    const json j = document(body);
    ProcedureDetail detail;
    auto& p = detail.procedure;
    p.code = checked(j, "code", is_procedure_code);
    p.name = text(j, "name");
    p.field = text(j, "field");
    p.workflow = text(j, "workflow");
    p.service_level = text(j, "service_level_name");
    for (const auto& fee : array(j, "fees")) {
      p.fee_vnd += unsigned_integer(fee, "amount_vnd", 1'000'000'000'000ULL);
    }
    for (const auto& c : array(j, "cases")) {
      p.cases.push_back({checked(c, "id", is_component_id), text(c, "name"),
                         static_cast<std::uint32_t>(unsigned_integer(c, "processing_days", 10000))});
    }
    if (p.cases.empty()) {
      throw Violation{"cases empty"};
    }
    for (const auto& c : array(j, "components")) {
      RequiredComponent component;
      component.id = checked(c, "id", is_component_id);
      component.name = text(c, "name");
      component.quantity = static_cast<std::uint32_t>(unsigned_integer(c, "quantity", 1000));
      if (component.quantity == 0) {
        throw Violation{"quantity"};
      }
      component.form = paper_form(text(c, "kind", 16));
      component.optional = boolean(c, "optional");
      for (const auto& entry : array(c, "accepted_catalog")) {
        component.accepted_catalog_codes.push_back(text(entry, "code", 8));
      }
      p.components.push_back(std::move(component));
    }
    return detail;
  });
}

Result<std::vector<Agency>> parse_agency_list(std::string_view body) {
  return guarded("agency list", [&]() -> Result<std::vector<Agency>> {
    const json j = document(body);
    std::vector<Agency> list;
    for (const auto& a : array(j, "agencies")) {
      list.push_back({checked(a, "id", is_component_id), text(a, "code", 64), text(a, "name")});
    }
    return list;
  });
}

Result<DossierRef> parse_dossier(std::string_view body) {
  return guarded("dossier", [&]() -> Result<DossierRef> {
    const json j = document(body);
    DossierRef d;
    d.id = checked(j, "id", is_identifier);
    d.state = text(j, "state", 32);
    checked(j, "procedure_code", is_procedure_code);
    for (const auto& c : array(j, "components")) {
      dossier_component(c);
    }
    if (!member(j, "dossier_code").is_null()) {
      d.dossier_code = checked(j, "dossier_code", is_dossier_code);
    }
    return d;
  });
}

Status parse_dossier_component(std::string_view body) {
  return guarded("dossier component", [&]() -> Status {
    dossier_component(document(body));
    return Done{};
  });
}

Result<UploadState> parse_upload(std::string_view body) {
  return guarded("upload", [&]() -> Result<UploadState> {
    const json j = document(body);
    UploadState u;
    u.id = checked(j, "id", is_identifier);
    checked(j, "dossier_id", is_identifier);
    checked(j, "component_id", is_component_id);
    u.size = unsigned_integer(j, "size");
    u.offset = unsigned_integer(j, "offset");
    u.chunk_size_max = static_cast<std::uint32_t>(unsigned_integer(j, "chunk_size_max", 0x7fffffffU));
    if (u.offset > u.size || u.chunk_size_max == 0) {
      throw Violation{"offset or chunk size"};
    }
    if (boolean(j, "complete") != (u.offset == u.size)) {
      throw Violation{"complete disagrees with offset"};
    }
    u.finished = boolean(j, "finished");
    return u;
  });
}

Result<SubmissionReceipt> parse_receipt(std::string_view body) {
  return guarded("receipt", [&]() -> Result<SubmissionReceipt> {
    const json j = document(body);
    SubmissionReceipt r;
    checked(j, "dossier_id", is_identifier);
    r.dossier_code = checked(j, "dossier_code", is_dossier_code);
    checked(j, "procedure_code", is_procedure_code);
    r.procedure_name = text(j, "procedure_name");
    text(j, "agency_name");
    text(j, "owner_name");
    r.received = instant_day(j, "received_at");
    r.appointment = date(j, "appointment_date");
    text(j, "state", 32);
    for (const auto& code : array(j, "reused_items")) {
      if (!code.is_string() || !is_vault_item_code(code.get_ref<const std::string&>())) {
        throw Violation{"reused_items"};
      }
    }
    return r;
  });
}

Result<DossierStatus> parse_dossier_status(std::string_view body) {
  return guarded("dossier status", [&]() -> Result<DossierStatus> { return dossier_status(document(body)); });
}

Result<std::vector<DossierStatus>> parse_dossier_status_list(std::string_view body) {
  return guarded("dossier status list", [&]() -> Result<std::vector<DossierStatus>> {
    const json j = document(body);
    checked(j, "owner_id", is_citizen_id);
    std::vector<DossierStatus> list;
    for (const auto& d : array(j, "dossiers")) {
      list.push_back(dossier_status(d));
    }
    return list;
  });
}

Status parse_feedback(std::string_view body) {
  return guarded("feedback", [&]() -> Status {
    const json j = document(body);
    checked(j, "id", is_identifier);
    checked(j, "item_code", is_vault_item_code);
    text(j, "reason", 64);
    text(j, "forwarded_to");
    return Done{};
  });
}

Status parse_rating(std::string_view body) {
  return guarded("rating", [&]() -> Status {
    const json j = document(body);
    checked(j, "id", is_identifier);
    const auto stars = unsigned_integer(j, "stars", 5);
    if (stars < 1) {
      throw Violation{"stars"};
    }
    if (!member(j, "dossier_code").is_null()) {
      checked(j, "dossier_code", is_dossier_code);
    }
    text(j, "device_id");
    instant_day(j, "created_at");
    return Done{};
  });
}

Status parse_notification_contact(std::string_view body) {
  return guarded("notification contact", [&]() -> Status {
    const json j = document(body);
    checked(j, "citizen_id", is_citizen_id);
    text(j, "phone", 32);
    text(j, "email", 254);
    array(j, "channels");
    boolean(j, "consent");
    return Done{};
  });
}

std::optional<Problem> parse_problem(std::string_view body) {
  if (body.size() > kMaxJsonBody) {
    return std::nullopt;
  }
  const json j = json::parse(body.begin(), body.end(), nullptr, false);
  if (j.is_discarded() || !j.is_object()) {
    return std::nullopt;
  }
  Problem p;
  const auto code = j.find("code");
  if (code == j.end() || !code->is_string() || code->get_ref<const std::string&>().size() > 64) {
    return std::nullopt;
  }
  p.code = code->get<std::string>();
  const auto offset = j.find("offset");
  if (offset != j.end() && offset->is_number_unsigned()) {
    p.offset = offset->get<std::uint64_t>();
  }
  const auto retry = j.find("retry_after");
  if (retry != j.end() && retry->is_number_unsigned() && retry->get<std::uint64_t>() < 86400) {
    p.retry_after = static_cast<std::uint32_t>(retry->get<std::uint64_t>());
  }
  return p;
}

std::string dossier_request_json(const DossierRequest& request) {
  json owner = {{"id", request.owner.id}, {"full_name", request.owner.full_name}};
  if (request.owner.date_of_birth) {
    owner["date_of_birth"] = request.owner.date_of_birth->iso();
  }
  if (!request.owner.address.empty()) {
    owner["address"] = request.owner.address.substr(0, 500);
  }
  if (!request.owner.phone.empty()) {
    owner["phone"] = request.owner.phone;
  }
  if (!request.owner.email.empty()) {
    owner["email"] = request.owner.email;
  }
  const json body = {{"procedure_code", request.procedure_code},
                     {"agency_id", request.agency_id},
                     {"case_id", request.case_id},
                     {"delivery_method", delivery_name(request.delivery)},
                     {"owner", owner}};
  return body.dump();
}

std::string notification_contact_json(const NotificationContact& contact, const std::string& consent_text) {
  json channels = json::array();
  if (contact.sms) {
    channels.push_back("sms");
  }
  if (contact.zalo) {
    channels.push_back("zalo");
  }
  if (!contact.email.empty()) {
    channels.push_back("email");
  }
  json body = {{"channels", channels}, {"consent", contact.consent}};
  if (!contact.phone.empty()) {
    body["phone"] = contact.phone;
  }
  if (!contact.email.empty()) {
    body["email"] = contact.email;
  }
  if (!consent_text.empty()) {
    body["consent_text"] = consent_text;
  }
  return body.dump();
}

std::string_view feedback_reason_name(VaultFeedbackReason reason) {
  switch (reason) {
    case VaultFeedbackReason::WrongCitizenInformation:
      return "wrong_citizen_information";
    case VaultFeedbackReason::NotMyResult:
      return "not_my_result";
    case VaultFeedbackReason::NotSignedByCipherCommittee:
      return "not_signed_by_government_cipher_committee";
  }
  return "not_my_result";
}

}  // namespace kiosk::api::contract
