#include "sandbox/provincial_service.hpp"

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <iterator>

#include <openssl/rand.h>

#include "kiosk/core/vietnamese_text.hpp"
#include "sandbox/openssl_handles.hpp"
#include "sandbox/problem.hpp"

namespace kiosk::sandbox {

using nlohmann::json;

namespace {

constexpr const char* kFromVaultNote = "Dữ liệu được lấy từ kho số hóa";

const char* kind_name(const std::string& kind) {
  return kind == "original" ? "Bản chính" : kind == "copy" ? "Bản sao" : "Bản điện tử";
}

const char* state_name(const std::string& state) {
  if (state == "draft") {
    return "Chưa nộp";
  }
  if (state == "received") {
    return "Đã tiếp nhận";
  }
  if (state == "processing") {
    return "Đang xử lý";
  }
  if (state == "supplement_requested") {
    return "Yêu cầu bổ sung";
  }
  if (state == "result_ready") {
    return "Đã có kết quả";
  }
  return "Đã trả kết quả";
}

const char* reason_name(const std::string& reason) {
  if (reason == "wrong_citizen_information") {
    return "Thông tin công dân trong tệp tin không chính xác";
  }
  if (reason == "not_my_result") {
    return "Không phải kết quả của công dân";
  }
  return "Tệp tin không được ký số bằng chứng thư số của Ban Cơ yếu Chính phủ";
}

bool contains_folded(const std::string& haystack, const std::string& folded_needle) {
  return fold_vietnamese(haystack).find(folded_needle) != std::string::npos;
}

void require_citizen_id(const std::string& id) {
  if (!is_citizen_id(id)) {
    throw Problem(400, "invalid_citizen_id", "Invalid personal identification number",
                  "A personal identification number has exactly 12 digits");
  }
}

Problem already_submitted() {
  return Problem(409, "dossier_already_submitted", "Dossier already submitted",
                 "A submitted dossier can no longer be changed");
}

}  // namespace

ProvincialService::ProvincialService(const DemoData& data, StateStore& store, Clock clock,
                                     std::optional<CivilDate> today)
    : data_(data), store_(store), clock_(std::move(clock)), today_(today) {
  if (!store_.seeded()) {
    StateStore::Transaction tx(store_);
    for (const auto& item : data_.vault) {
      store_.set_times_used(item.code, item.initial_times_used);
    }
    store_.mark_seeded();
    tx.commit();
  }
}

CivilDate ProvincialService::today() const {
  return today_ ? *today_ : CivilDate::local_today(clock_());
}

std::string ProvincialService::now_text() const {
  return rfc3339_local(clock_());
}

std::string ProvincialService::new_id() const {
  unsigned char raw[16];
  if (RAND_bytes(raw, sizeof raw) != 1) {
    throw Problem(500, "internal_error", "Internal error", "no randomness available");
  }
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string id;
  for (const unsigned char b : raw) {
    id += kDigits[b >> 4];
    id += kDigits[b & 0xF];
  }
  return id;
}

std::string ProvincialService::item_status(const VaultItemSpec& item) const {
  if (item.revoked) {
    return "revoked";
  }
  if (item.valid_until && *item.valid_until < today()) {
    return "expired";
  }
  return "valid";
}

const json& ProvincialService::known_citizen(const std::string& citizen_id) const {
  require_citizen_id(citizen_id);
  const auto it = data_.citizens.find(citizen_id);
  if (it == data_.citizens.end()) {
    throw Problem::not_found("citizen_not_found", "A citizen with this personal identification number");
  }
  return it->second;
}

const VaultItemSpec& ProvincialService::owned_item(const std::string& citizen_id,
                                                   const std::string& item_code) const {
  known_citizen(citizen_id);
  const VaultItemSpec* item = data_.vault_item(item_code);
  // An item of somebody else's vault is answered like a missing one, so the
  // API does not reveal which codes exist.
  if (item == nullptr || item->owner_id != citizen_id) {
    throw Problem::not_found("vault_item_not_found", "This document in the citizen's vault");
  }
  return *item;
}

json ProvincialService::item_json(const VaultItemSpec& item) {
  json j = item.meta;
  j["kind_name"] = item.meta.at("kind") == "result" ? "Kết quả giải quyết" : "Giấy tờ đầu vào";
  j["vault_type_name"] =
      item.meta.at("vault_type") == "agency" ? "Kho cơ quan nhà nước, tổ chức" : "Cá nhân/Tổ chức";
  j["times_used"] = store_.times_used(item.code).value_or(item.initial_times_used);
  j["status"] = item_status(item);
  return j;
}

Reply ProvincialService::citizen(const std::string& citizen_id) {
  const json& c = known_citizen(citizen_id);
  std::size_t count = 0;
  for (const auto& item : data_.vault) {
    count += item.owner_id == citizen_id ? 1 : 0;
  }
  json j;
  for (const char* key : {"id", "old_id", "full_name", "date_of_birth", "sex", "nationality",
                          "place_of_origin", "place_of_residence", "has_vault"}) {
    j[key] = c.at(key);
  }
  j["vault_item_count"] = count;
  return {200, j};
}

Reply ProvincialService::vault(const std::string& citizen_id, const std::string& q,
                               const std::string& catalog_code, const std::string& kind,
                               const std::string& status) {
  known_citizen(citizen_id);
  if (!kind.empty() && kind != "result" && kind != "input") {
    throw Problem::invalid_request("kind", "must be result or input");
  }
  if (!status.empty() && status != "valid" && status != "expired" && status != "revoked") {
    throw Problem::invalid_request("status", "must be valid, expired or revoked");
  }
  const std::string needle = fold_vietnamese(q);
  json items = json::array();
  for (const auto& item : data_.vault) {
    if (item.owner_id != citizen_id || (!catalog_code.empty() && item.catalog_code != catalog_code) ||
        (!kind.empty() && item.meta.at("kind") != kind) || (!status.empty() && item_status(item) != status)) {
      continue;
    }
    if (!needle.empty()) {
      const bool hit = contains_folded(item.meta.at("name").get<std::string>(), needle) ||
                       contains_folded(item.code, needle) ||
                       contains_folded(item.meta.at("decision_number").get<std::string>(), needle) ||
                       contains_folded(item.meta.at("summary").get<std::string>(), needle);
      if (!hit) {
        continue;
      }
    }
    items.push_back(item_json(item));
  }
  return {200, {{"owner_id", citizen_id}, {"items", items}}};
}

Reply ProvincialService::vault_item(const std::string& citizen_id, const std::string& item_code) {
  return {200, item_json(owned_item(citizen_id, item_code))};
}

FileReply ProvincialService::vault_file(const std::string& citizen_id, const std::string& item_code) {
  const VaultItemSpec& item = owned_item(citizen_id, item_code);
  std::ifstream in(item.file, std::ios::binary);
  if (!in) {
    throw Problem(500, "internal_error", "Internal error", "the document file is missing on the server");
  }
  std::string bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  return {std::move(bytes), item.meta.at("file").at("sha256").get<std::string>(),
          item.meta.at("file").at("name").get<std::string>()};
}

Reply ProvincialService::report(const std::string& citizen_id, const std::string& item_code,
                                const FeedbackBody& body) {
  const VaultItemSpec& item = owned_item(citizen_id, item_code);
  json doc{{"id", new_id()},
           {"item_code", item.code},
           {"reason", body.reason},
           {"reason_name", reason_name(body.reason)},
           {"forwarded_to", item.issuing_agency},
           {"created_at", now_text()}};
  if (!body.comment.empty()) {
    doc["comment"] = body.comment;
  }
  store_.put_feedback(doc["id"], doc);
  return {201, doc};
}

Reply ProvincialService::rate(const RatingBody& body, const std::string& device) {
  json doc{{"id", new_id()}, {"stars", body.stars}, {"device_id", device}, {"created_at", now_text()}};
  doc["dossier_code"] = body.dossier_code.empty() ? json(nullptr) : json(body.dossier_code);
  store_.put_rating(doc["id"], doc);
  return {201, doc};
}

Reply ProvincialService::ratings() {
  json list = json::array();
  for (auto& rating : store_.ratings()) {
    list.push_back(std::move(rating));
  }
  return {200, {{"ratings", list}}};
}

Reply ProvincialService::contact(const std::string& citizen_id) {
  known_citizen(citizen_id);
  if (auto stored = store_.contact(citizen_id)) {
    return {200, *stored};
  }
  // Nothing recorded through the kiosk yet: what the population record
  // holds, without consent to notify.
  const json& c = data_.citizens.at(citizen_id);
  return {200,
          {{"citizen_id", citizen_id},
           {"phone", c.value("phone", "")},
           {"email", c.value("email", "")},
           {"channels", json::array()},
           {"consent", false},
           {"consent_text", ""},
           {"consent_at", nullptr}}};
}

Reply ProvincialService::put_contact(const std::string& citizen_id, const ContactBody& body) {
  known_citizen(citizen_id);
  json doc{{"citizen_id", citizen_id},  {"phone", body.phone},     {"email", body.email},
           {"channels", body.channels}, {"consent", body.consent}, {"consent_text", body.consent_text},
           {"consent_at", now_text()}};
  store_.put_contact(citizen_id, doc);
  return {200, doc};
}

Reply ProvincialService::dossiers_of(const std::string& id_number) {
  // Records still carry 9-digit CMND numbers: they find the same citizen.
  std::string citizen_id = id_number;
  if (id_number.size() == 9) {
    for (const auto& [id, c] : data_.citizens) {
      if (c.value("old_id", "") == id_number) {
        citizen_id = id;
      }
    }
    if (citizen_id == id_number) {
      throw Problem::not_found("citizen_not_found", "A citizen with this identification number");
    }
  }
  known_citizen(citizen_id);
  json list = json::array();
  for (const auto& d : store_.submitted_dossiers_of(citizen_id)) {
    list.push_back(status_json(d));
  }
  return {200, {{"owner_id", citizen_id}, {"dossiers", list}}};
}

Reply ProvincialService::suggestions(const std::string& citizen_id, const std::string& procedure_code) {
  known_citizen(citizen_id);
  procedure(procedure_code);  // answers procedure_not_found
  const ProcedureSpec& p = *data_.procedure(procedure_code);
  json components = json::array();
  for (const auto& c : p.components) {
    json matches = json::array();
    for (const auto& item : data_.vault) {
      if (item.owner_id == citizen_id && item_status(item) == "valid" &&
          std::find(c.accepted.begin(), c.accepted.end(), item.catalog_code) != c.accepted.end()) {
        matches.push_back(item_json(item));
      }
    }
    components.push_back({{"component_id", c.id}, {"matches", matches}});
  }
  return {200, {{"procedure_code", p.code}, {"owner_id", citizen_id}, {"components", components}}};
}

Reply ProvincialService::catalog() const {
  json entries = json::array();
  for (const auto& [code, name] : data_.catalog) {
    entries.push_back({{"code", code}, {"name", name}});
  }
  return {200, {{"entries", entries}}};
}

Reply ProvincialService::procedures(const std::string& q, const std::string& field) const {
  const std::string needle = fold_vietnamese(q);
  const std::string field_needle = fold_vietnamese(field);
  json list = json::array();
  for (const auto& p : data_.procedures) {
    if (!field_needle.empty() && fold_vietnamese(p.field) != field_needle) {
      continue;
    }
    if (!needle.empty() && !contains_folded(p.name, needle) && p.code.find(q) == std::string::npos) {
      continue;
    }
    list.push_back({{"code", p.code},
                    {"name", p.name},
                    {"field", p.field},
                    {"level", p.level},
                    {"service_level", p.service_level}});
  }
  return {200, {{"procedures", list}}};
}

json ProvincialService::procedure_json(const ProcedureSpec& p) const {
  json cases = json::array();
  for (const auto& c : p.cases) {
    cases.push_back({{"id", c.id}, {"name", c.name}, {"processing_days", c.processing_days}});
  }
  json components = json::array();
  for (const auto& c : p.components) {
    json accepted = json::array();
    for (const auto& code : c.accepted) {
      accepted.push_back({{"code", code}, {"name", data_.catalog.at(code)}});
    }
    components.push_back({{"id", c.id},
                          {"name", c.name},
                          {"quantity", c.quantity},
                          {"kind", c.kind},
                          {"kind_name", kind_name(c.kind)},
                          {"optional", c.optional},
                          {"accepted_catalog", accepted}});
  }
  return {{"code", p.code},
          {"name", p.name},
          {"field", p.field},
          {"level", p.level},
          {"service_level", p.service_level},
          {"service_level_name", p.service_level == "full" ? "Toàn trình" : "Một phần"},
          {"workflow", p.workflow},
          {"fees", p.fees},
          {"cases", cases},
          {"components", components}};
}

Reply ProvincialService::procedure(const std::string& procedure_code) const {
  const ProcedureSpec* p = data_.procedure(procedure_code);
  if (p == nullptr) {
    throw Problem::not_found("procedure_not_found", "A procedure with this code");
  }
  return {200, procedure_json(*p)};
}

Reply ProvincialService::agencies(const std::string& procedure_code) const {
  const ProcedureSpec* p = data_.procedure(procedure_code);
  if (p == nullptr) {
    throw Problem::not_found("procedure_not_found", "A procedure with this code");
  }
  json list = json::array();
  for (const auto& id : p->agencies) {
    list.push_back(data_.agencies.at(id));
  }
  return {200, {{"agencies", list}}};
}

Reply ProvincialService::delivery_methods() const {
  return {200, {{"methods", data_.delivery_methods}}};
}

Reply ProvincialService::create_dossier(const DossierBody& body) {
  const ProcedureSpec* p = data_.procedure(body.procedure_code);
  if (p == nullptr) {
    throw Problem::not_found("procedure_not_found", "A procedure with this code");
  }
  if (std::find(p->agencies.begin(), p->agencies.end(), body.agency_id) == p->agencies.end()) {
    throw Problem(422, "agency_not_found", "Agency not available",
                  "This agency does not handle the procedure");
  }
  if (p->find_case(body.case_id) == nullptr) {
    throw Problem(422, "case_not_found", "Unknown case", "The procedure has no case with this id");
  }
  known_citizen(body.owner.id);
  json components = json::array();
  for (const auto& c : p->components) {
    components.push_back({{"id", c.id},
                          {"name", c.name},
                          {"quantity", c.quantity},
                          {"kind", c.kind},
                          {"optional", c.optional},
                          {"attachment", nullptr}});
  }
  const std::string id = new_id();
  json doc{{"id", id},
           {"state", "draft"},
           {"procedure_code", p->code},
           {"procedure_name", p->name},
           {"agency_id", body.agency_id},
           {"case_id", body.case_id},
           {"delivery_method", body.delivery_method},
           {"owner", body.owner.to_json()},
           {"components", components},
           {"created_at", now_text()},
           {"dossier_code", nullptr},
           {"received_at", nullptr},
           {"appointment_date", nullptr}};
  if (body.submitter) {
    doc["submitter"] = body.submitter->to_json();
  }
  store_.put_dossier(id, body.owner.id, doc);
  return {201, doc};
}

Reply ProvincialService::dossier(const std::string& dossier_id) {
  auto d = is_identifier(dossier_id) ? store_.dossier(dossier_id) : std::nullopt;
  if (!d) {
    throw Problem::not_found("dossier_not_found", "A dossier with this id");
  }
  return {200, *d};
}

json ProvincialService::draft(const std::string& dossier_id) {
  json d = dossier(dossier_id).body;
  if (d.at("state") != "draft") {
    throw already_submitted();
  }
  return d;
}

json& ProvincialService::component_of(json& dossier, const std::string& component_id) {
  for (auto& c : dossier.at("components")) {
    if (c.at("id") == component_id) {
      return c;
    }
  }
  throw Problem::not_found("component_not_found", "A component with this id in the dossier");
}

Reply ProvincialService::attach_vault_item(const std::string& dossier_id, const std::string& component_id,
                                           const std::string& item_code) {
  json d = draft(dossier_id);
  json& component = component_of(d, component_id);
  const std::string owner_id = d.at("owner").at("id").get<std::string>();
  const VaultItemSpec* item = data_.vault_item(item_code);
  if (item == nullptr) {
    throw Problem::not_found("vault_item_not_found", "This document in the vault");
  }
  if (item->owner_id != owner_id) {
    throw Problem(403, "vault_item_not_owned", "Not the owner's document",
                  "Only documents from the dossier owner's vault can be reused");
  }
  const ComponentSpec& spec = *data_.procedure(d.at("procedure_code"))->component(component_id);
  if (std::find(spec.accepted.begin(), spec.accepted.end(), item->catalog_code) == spec.accepted.end()) {
    throw Problem(422, "vault_item_not_accepted", "Document not accepted",
                  "This kind of document cannot satisfy the component");
  }
  const std::string status = item_status(*item);
  if (status == "revoked") {
    throw Problem(422, "vault_item_revoked", "Document revoked", "A revoked document cannot be reused");
  }
  if (status == "expired") {
    throw Problem(422, "vault_item_expired", "Document expired", "An expired document cannot be reused");
  }
  json file = item->meta.at("file");
  component["attachment"] = {
      {"source", "vault"}, {"item_code", item->code}, {"file", file}, {"note", kFromVaultNote}};
  store_.put_dossier(dossier_id, owner_id, d);
  return {200, component};
}

Reply ProvincialService::detach(const std::string& dossier_id, const std::string& component_id) {
  json d = draft(dossier_id);
  json& component = component_of(d, component_id);
  component["attachment"] = nullptr;
  store_.put_dossier(dossier_id, d.at("owner").at("id"), d);
  return {200, component};
}

json ProvincialService::upload_json(const json& upload) const {
  json j = upload;
  j.erase("sha256");
  j["complete"] = j.at("offset") == j.at("size");
  return j;
}

Reply ProvincialService::create_upload(const std::string& dossier_id, const std::string& component_id,
                                       const UploadBody& body) {
  json d = draft(dossier_id);
  component_of(d, component_id);
  json doc{{"id", new_id()},
           {"dossier_id", dossier_id},
           {"component_id", component_id},
           {"file_name", body.file_name},
           {"size", body.size},
           {"sha256", body.sha256},
           {"offset", 0},
           {"chunk_size_max", kChunkSizeMax},
           {"finished", false}};
  store_.put_upload(doc["id"], doc);
  return {201, upload_json(doc)};
}

Reply ProvincialService::upload(const std::string& upload_id) {
  auto u = is_identifier(upload_id) ? store_.upload(upload_id) : std::nullopt;
  if (!u) {
    throw Problem::not_found("upload_not_found", "An upload with this id");
  }
  return {200, upload_json(*u)};
}

Reply ProvincialService::put_chunk(const std::string& upload_id, std::uint64_t offset,
                                   const std::string& chunk_sha256, std::string_view bytes) {
  auto u = is_identifier(upload_id) ? store_.upload(upload_id) : std::nullopt;
  if (!u) {
    throw Problem::not_found("upload_not_found", "An upload with this id");
  }
  if (u->at("finished").get<bool>()) {
    throw Problem(409, "upload_already_finished", "Upload finished", "This upload is closed");
  }
  if (bytes.size() > kChunkSizeMax) {
    throw Problem(413, "payload_too_large", "Chunk too large",
                  "A chunk may have at most " + std::to_string(kChunkSizeMax) + " bytes");
  }
  if (bytes.empty()) {
    throw Problem::invalid_request("body", "a chunk must not be empty");
  }
  if (sha256_hex(bytes.data(), bytes.size()) != chunk_sha256) {
    throw Problem(422, "chunk_digest_mismatch", "Chunk damaged",
                  "Chunk-Sha256 does not match the bytes received; nothing was stored");
  }
  const auto held = u->at("offset").get<std::uint64_t>();
  const auto size = u->at("size").get<std::uint64_t>();
  if (offset < held && offset + bytes.size() <= held &&
      store_.upload_bytes(upload_id, offset, bytes.size()) == bytes) {
    // A retried chunk the server already holds: acknowledge it again.
    return {200, upload_json(*u)};
  }
  if (offset != held) {
    throw Problem(409, "upload_offset_mismatch", "Wrong offset",
                  "The server holds " + std::to_string(held) + " bytes of this upload", {{"offset", held}});
  }
  if (held + bytes.size() > size) {
    throw Problem(422, "upload_too_large", "More bytes than announced",
                  "The chunk goes past the size given when the upload was created");
  }
  store_.append_chunk(upload_id, offset, bytes);
  (*u)["offset"] = held + bytes.size();
  store_.put_upload(upload_id, *u);
  return {200, upload_json(*u)};
}

Reply ProvincialService::finish_upload(const std::string& upload_id, const std::string& sha256) {
  auto u = is_identifier(upload_id) ? store_.upload(upload_id) : std::nullopt;
  if (!u) {
    throw Problem::not_found("upload_not_found", "An upload with this id");
  }
  const std::string dossier_id = u->at("dossier_id");
  const std::string component_id = u->at("component_id");
  if (u->at("finished").get<bool>()) {
    if (u->at("sha256") != sha256) {
      throw Problem(422, "upload_digest_mismatch", "File damaged",
                    "The SHA-256 differs from the finished upload");
    }
    json d = dossier(dossier_id).body;
    return {200, component_of(d, component_id)};
  }
  const auto size = u->at("size").get<std::uint64_t>();
  if (u->at("offset").get<std::uint64_t>() != size) {
    throw Problem(409, "upload_incomplete", "Upload incomplete", "Not every byte has been received",
                  {{"offset", u->at("offset")}});
  }
  const std::string bytes = store_.upload_bytes(upload_id, 0, size);
  const std::string actual = sha256_hex(bytes.data(), bytes.size());
  if (actual != sha256 || actual != u->at("sha256")) {
    throw Problem(422, "upload_digest_mismatch", "File damaged",
                  "The SHA-256 of the received file differs from the one announced");
  }
  if (bytes.rfind("%PDF-", 0) != 0) {
    throw Problem(415, "unsupported_media_type", "Not a PDF", "Scanned components are signed PDF files");
  }
  json d = draft(dossier_id);
  json& component = component_of(d, component_id);
  component["attachment"] = {{"source", "upload"},
                             {"upload_id", upload_id},
                             {"file",
                              {{"name", u->at("file_name")},
                               {"content_type", "application/pdf"},
                               {"size", size},
                               {"sha256", actual}}},
                             {"note", ""}};
  (*u)["finished"] = true;
  store_.put_upload(upload_id, *u);
  store_.put_dossier(dossier_id, d.at("owner").at("id"), d);
  return {200, component};
}

json ProvincialService::receipt(const json& d) const {
  json reused = json::array();
  for (const auto& c : d.at("components")) {
    if (c.at("attachment").is_object() && c.at("attachment").at("source") == "vault") {
      reused.push_back(c.at("attachment").at("item_code"));
    }
  }
  return {{"dossier_id", d.at("id")},
          {"dossier_code", d.at("dossier_code")},
          {"procedure_code", d.at("procedure_code")},
          {"procedure_name", d.at("procedure_name")},
          {"agency_name", data_.agencies.at(d.at("agency_id").get<std::string>()).at("name")},
          {"owner_name", d.at("owner").at("full_name")},
          {"received_at", d.at("received_at")},
          {"appointment_date", d.at("appointment_date")},
          {"state", d.at("state")},
          {"reused_items", reused}};
}

Reply ProvincialService::submit(const std::string& dossier_id) {
  json d = dossier(dossier_id).body;
  if (d.at("state") != "draft") {
    return {200, receipt(d)};  // a repeated submit changes nothing
  }
  json missing = json::array();
  for (const auto& c : d.at("components")) {
    if (!c.at("optional").get<bool>() && c.at("attachment").is_null()) {
      missing.push_back(c.at("id"));
    }
  }
  if (!missing.empty()) {
    throw Problem(422, "components_missing", "Components missing",
                  "Every required component needs a file from the vault or a scan",
                  {{"missing_components", missing}});
  }
  const ProcedureSpec& p = *data_.procedure(d.at("procedure_code"));
  const json& agency = data_.agencies.at(d.at("agency_id").get<std::string>());
  const CivilDate received = today();
  const std::string prefix = agency.at("code").get<std::string>() + "-" + received.yymmdd();
  char seq[8];
  std::snprintf(seq, sizeof seq, "%04d", store_.next_sequence(prefix) % 10000);
  d["dossier_code"] = prefix + "-" + seq;
  d["received_at"] = now_text();
  d["appointment_date"] = received.plus_working_days(p.find_case(d.at("case_id"))->processing_days).iso();
  d["state"] = "received";
  for (const auto& c : d.at("components")) {
    if (c.at("attachment").is_object() && c.at("attachment").at("source") == "vault") {
      const std::string code = c.at("attachment").at("item_code");
      const VaultItemSpec& item = *data_.vault_item(code);
      store_.set_times_used(code, store_.times_used(code).value_or(item.initial_times_used) + 1);
    }
  }
  store_.put_dossier(dossier_id, d.at("owner").at("id"), d);
  return {200, receipt(d)};
}

json ProvincialService::status_json(const json& d) const {
  return {{"dossier_code", d.at("dossier_code")},         {"procedure_code", d.at("procedure_code")},
          {"procedure_name", d.at("procedure_name")},     {"owner_id", d.at("owner").at("id")},
          {"owner_name", d.at("owner").at("full_name")},  {"received_at", d.at("received_at")},
          {"appointment_date", d.at("appointment_date")}, {"state", d.at("state")},
          {"state_name", state_name(d.at("state"))}};
}

Reply ProvincialService::status(const std::string& dossier_code) {
  auto d = is_dossier_code(dossier_code) ? store_.dossier_by_code(dossier_code) : std::nullopt;
  if (!d) {
    throw Problem::not_found("dossier_not_found", "A dossier with this code");
  }
  return {200, status_json(*d)};
}

}  // namespace kiosk::sandbox
