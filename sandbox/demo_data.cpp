#include "sandbox/demo_data.hpp"

#include <algorithm>
#include <fstream>
#include <stdexcept>

namespace kiosk::sandbox {

using nlohmann::json;

const ComponentSpec* ProcedureSpec::component(const std::string& id) const {
  const auto it =
      std::find_if(components.begin(), components.end(), [&](const auto& c) { return c.id == id; });
  return it == components.end() ? nullptr : &*it;
}

const CaseSpec* ProcedureSpec::find_case(const std::string& id) const {
  const auto it = std::find_if(cases.begin(), cases.end(), [&](const auto& c) { return c.id == id; });
  return it == cases.end() ? nullptr : &*it;
}

DemoData DemoData::load(const std::filesystem::path& demo_json) {
  std::ifstream in(demo_json);
  if (!in) {
    throw std::runtime_error("cannot read demo data " + demo_json.string());
  }
  const json j = json::parse(in, nullptr, false);
  if (j.is_discarded() || !j.is_object()) {
    throw std::runtime_error("demo data " + demo_json.string() + " is not JSON");
  }
  const auto dir = demo_json.parent_path();
  DemoData d;
  try {
    for (const auto& c : j.at("citizens")) {
      d.citizens[c.at("id").get<std::string>()] = c;
    }
    for (const auto& e : j.at("catalog")) {
      d.catalog[e.at("code").get<std::string>()] = e.at("name").get<std::string>();
    }
    for (const auto& a : j.at("agencies")) {
      d.agencies[a.at("id").get<std::string>()] = a;
    }
    d.delivery_methods = j.at("delivery_methods");
    for (const auto& p : j.at("procedures")) {
      ProcedureSpec spec{p.at("code").get<std::string>(),
                         p.at("name").get<std::string>(),
                         p.at("field").get<std::string>(),
                         p.at("level").get<std::string>(),
                         p.at("service_level").get<std::string>(),
                         p.at("workflow").get<std::string>(),
                         p.at("fees"),
                         {},
                         {},
                         p.at("agencies").get<std::vector<std::string>>()};
      for (const auto& c : p.at("cases")) {
        spec.cases.push_back({c.at("id").get<std::string>(), c.at("name").get<std::string>(),
                              c.at("processing_days").get<int>()});
      }
      for (const auto& c : p.at("components")) {
        spec.components.push_back({c.at("id").get<std::string>(), c.at("name").get<std::string>(),
                                   c.at("quantity").get<int>(), c.at("kind").get<std::string>(),
                                   c.at("optional").get<bool>(),
                                   c.at("accepted").get<std::vector<std::string>>()});
        for (const auto& code : spec.components.back().accepted) {
          if (!d.catalog.contains(code)) {
            throw std::runtime_error("procedure " + spec.code + " accepts unknown catalogue entry " + code);
          }
        }
      }
      for (const auto& agency : spec.agencies) {
        if (!d.agencies.contains(agency)) {
          throw std::runtime_error("procedure " + spec.code + " names unknown agency " + agency);
        }
      }
      d.procedures.push_back(std::move(spec));
    }
    for (json item : j.at("vault")) {
      VaultItemSpec v;
      v.code = item.at("code").get<std::string>();
      v.owner_id = item.at("owner_id").get<std::string>();
      v.catalog_code = item.at("catalog").at("code").get<std::string>();
      v.issuing_agency = item.at("issuing_agency").get<std::string>();
      if (!item.at("valid_until").is_null()) {
        v.valid_until = CivilDate::parse(item.at("valid_until").get<std::string>());
        if (!v.valid_until) {
          throw std::runtime_error("vault item " + v.code + " has a malformed valid_until");
        }
      }
      v.revoked = item.at("revoked").get<bool>();
      v.initial_times_used = item.at("times_used").get<int>();
      v.file = dir / item.at("file").at("path").get<std::string>();
      item.erase("times_used");
      item["file"].erase("path");
      v.meta = std::move(item);
      d.vault.push_back(std::move(v));
    }
  } catch (const json::exception& e) {
    throw std::runtime_error("demo data " + demo_json.string() + ": " + e.what());
  }
  std::stable_sort(d.vault.begin(), d.vault.end(), [](const auto& a, const auto& b) {
    return a.meta.at("issue_date").template get<std::string>() >
           b.meta.at("issue_date").template get<std::string>();
  });
  return d;
}

const ProcedureSpec* DemoData::procedure(const std::string& code) const {
  const auto it =
      std::find_if(procedures.begin(), procedures.end(), [&](const auto& p) { return p.code == code; });
  return it == procedures.end() ? nullptr : &*it;
}

const VaultItemSpec* DemoData::vault_item(const std::string& code) const {
  const auto it = std::find_if(vault.begin(), vault.end(), [&](const auto& v) { return v.code == code; });
  return it == vault.end() ? nullptr : &*it;
}

}  // namespace kiosk::sandbox
