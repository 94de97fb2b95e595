#include "kiosk/api/application_codec.hpp"

#include <nlohmann/json.hpp>

#include "kiosk/core/secure_wipe.hpp"

namespace kiosk::api {
namespace {

using nlohmann::json;

std::string date_or_empty(const std::optional<CivilDate>& d) {
  return d ? d->iso() : std::string();
}

std::optional<CivilDate> date_from(const json& j, const char* name) {
  const auto s = j.at(name).get<std::string>();
  return s.empty() ? std::nullopt : CivilDate::from_iso(s);
}

}  // namespace

std::vector<std::uint8_t> encode_application(const ApplicationDraft& draft) {
  const auto& a = draft.applicant;
  json components = json::array();
  std::size_t blobs = 0;
  for (const auto& c : draft.components) {
    components.push_back({{"id", c.component_id},
                          {"vault_item_code", c.vault_item_code},
                          {"auto", c.attached_automatically},
                          {"pdf_size", c.scanned_pdf.size()}});
    blobs += c.scanned_pdf.size();
  }
  const json j = {{"procedure_code", draft.procedure_code},
                  {"procedure_name", draft.procedure_name},
                  {"case_id", draft.case_id},
                  {"agency_id", draft.agency_id},
                  {"applicant",
                   {{"id_number", a.id_number},
                    {"old_id_number", a.old_id_number},
                    {"full_name", a.full_name},
                    {"date_of_birth", date_or_empty(a.date_of_birth)},
                    {"sex", a.sex},
                    {"nationality", a.nationality},
                    {"ethnicity", a.ethnicity},
                    {"religion", a.religion},
                    {"place_of_origin", a.place_of_origin},
                    {"place_of_residence", a.place_of_residence},
                    {"issue_date", date_or_empty(a.issue_date)},
                    {"expiry_date", date_or_empty(a.expiry_date)}}},
                  {"components", components},
                  {"delivery", static_cast<int>(draft.delivery)},
                  {"postal_address", draft.postal_address},
                  {"contact",
                   {{"consent", draft.contact.consent},
                    {"phone", draft.contact.phone},
                    {"email", draft.contact.email},
                    {"sms", draft.contact.sms},
                    {"zalo", draft.contact.zalo}}}};
  std::string header = j.dump();
  std::vector<std::uint8_t> out;
  out.reserve(4 + header.size() + blobs);
  const auto n = static_cast<std::uint32_t>(header.size());
  for (int shift = 24; shift >= 0; shift -= 8) {
    out.push_back(static_cast<std::uint8_t>(n >> shift));
  }
  out.insert(out.end(), header.begin(), header.end());
  secure_wipe(header);
  for (const auto& c : draft.components) {
    out.insert(out.end(), c.scanned_pdf.begin(), c.scanned_pdf.end());
  }
  return out;
}

Result<ApplicationDraft> decode_application(std::span<const std::uint8_t> bytes) {
  const Error corrupt{ErrorCode::StorageCorrupt, "outbox application is malformed"};
  if (bytes.size() < 4) {
    return corrupt;
  }
  const std::uint32_t n = (std::uint32_t{bytes[0]} << 24) | (std::uint32_t{bytes[1]} << 16) |
                          (std::uint32_t{bytes[2]} << 8) | std::uint32_t{bytes[3]};
  if (n > bytes.size() - 4) {
    return corrupt;
  }
  const json j = json::parse(bytes.begin() + 4, bytes.begin() + 4 + n, nullptr, false);
  if (j.is_discarded() || !j.is_object()) {
    return corrupt;
  }
  try {
    ApplicationDraft d;
    d.procedure_code = j.at("procedure_code").get<std::string>();
    d.procedure_name = j.at("procedure_name").get<std::string>();
    // Entries sealed before the case and agency were chosen at the kiosk have neither.
    d.case_id = j.value("case_id", std::string());
    d.agency_id = j.value("agency_id", std::string());
    const json& a = j.at("applicant");
    d.applicant.id_number = a.at("id_number").get<std::string>();
    d.applicant.old_id_number = a.at("old_id_number").get<std::string>();
    d.applicant.full_name = a.at("full_name").get<std::string>();
    d.applicant.date_of_birth = date_from(a, "date_of_birth");
    d.applicant.sex = a.at("sex").get<std::string>();
    d.applicant.nationality = a.at("nationality").get<std::string>();
    d.applicant.ethnicity = a.at("ethnicity").get<std::string>();
    d.applicant.religion = a.at("religion").get<std::string>();
    d.applicant.place_of_origin = a.at("place_of_origin").get<std::string>();
    d.applicant.place_of_residence = a.at("place_of_residence").get<std::string>();
    d.applicant.issue_date = date_from(a, "issue_date");
    d.applicant.expiry_date = date_from(a, "expiry_date");
    std::size_t at = 4 + n;
    for (const auto& c : j.at("components")) {
      ComponentFill fill;
      fill.component_id = c.at("id").get<std::string>();
      fill.vault_item_code = c.at("vault_item_code").get<std::string>();
      fill.attached_automatically = c.at("auto").get<bool>();
      const auto size = c.at("pdf_size").get<std::size_t>();
      if (size > bytes.size() - at) {
        return corrupt;
      }
      fill.scanned_pdf.assign(bytes.begin() + static_cast<std::ptrdiff_t>(at),
                              bytes.begin() + static_cast<std::ptrdiff_t>(at + size));
      at += size;
      d.components.push_back(std::move(fill));
    }
    if (at != bytes.size()) {
      return corrupt;
    }
    const int delivery = j.at("delivery").get<int>();
    if (delivery < 0 || delivery > static_cast<int>(ResultDelivery::Online)) {
      return corrupt;
    }
    d.delivery = static_cast<ResultDelivery>(delivery);
    d.postal_address = j.at("postal_address").get<std::string>();
    const json& c = j.at("contact");
    d.contact.consent = c.at("consent").get<bool>();
    d.contact.phone = c.at("phone").get<std::string>();
    d.contact.email = c.at("email").get<std::string>();
    d.contact.sms = c.at("sms").get<bool>();
    d.contact.zalo = c.at("zalo").get<bool>();
    return d;
  } catch (const json::exception&) {
    return corrupt;
  }
}

}  // namespace kiosk::api
