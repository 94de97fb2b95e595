#include "sandbox/vcard/demo_citizens.hpp"

#include <fstream>
#include <nlohmann/json.hpp>
#include <stdexcept>

namespace kiosk::vcard {

std::vector<DemoCitizen> load_demo_citizens(const std::filesystem::path& path) {
  std::ifstream in(path);
  if (!in)
    throw std::runtime_error("cannot open " + path.string());
  const nlohmann::json doc = nlohmann::json::parse(in);
  std::vector<DemoCitizen> out;
  for (const auto& c : doc.at("citizens")) {
    DemoCitizen d;
    d.id = c.at("id").get<std::string>();
    d.old_id = c.value("old_id", "");
    d.full_name = c.at("full_name").get<std::string>();
    d.date_of_birth = c.at("date_of_birth").get<std::string>();
    d.sex = c.value("sex", "");
    d.nationality = c.value("nationality", "");
    d.ethnicity = c.value("ethnicity", "");
    d.religion = c.value("religion", "");
    d.place_of_origin = c.value("place_of_origin", "");
    d.place_of_residence = c.value("place_of_residence", "");
    d.identifying_marks = c.value("identifying_marks", "");
    d.issue_date = c.value("issue_date", "");
    d.expiry_date = c.value("expiry_date", "");
    d.father_name = c.value("father_name", "");
    d.mother_name = c.value("mother_name", "");
    if (c.contains("card")) {
      const auto& k = c.at("card");
      d.card.pace = k.value("access", "BAC") == "PACE";
      d.card.active_authentication = k.value("active_authentication", false);
      d.card.chip_authentication = k.value("chip_authentication", false);
      d.card.extended_length = k.value("extended_length", true);
      d.card.document_signer = k.value("document_signer", "rsa-pkcs1");
    }
    out.push_back(std::move(d));
  }
  return out;
}

}  // namespace kiosk::vcard
