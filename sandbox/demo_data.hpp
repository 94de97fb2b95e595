#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "sandbox/civil_date.hpp"

namespace kiosk::sandbox {

// The reference data the stand-in serves, as generated at build time
// (<build>/sandbox/demo/demo.json and the PDFs next to it). Read-only while
// the server runs; what changes (use counts, dossiers…) lives in StateStore.

struct ComponentSpec {
  std::string id;
  std::string name;
  int quantity = 1;
  std::string kind;  // original | copy | electronic
  bool optional = false;
  std::vector<std::string> accepted;  // catalogue codes
};

struct CaseSpec {
  std::string id;
  std::string name;
  int processing_days = 0;
};

struct ProcedureSpec {
  std::string code;
  std::string name;
  std::string field;
  std::string level;
  std::string service_level;
  std::string workflow;
  nlohmann::json fees;
  std::vector<CaseSpec> cases;
  std::vector<ComponentSpec> components;
  std::vector<std::string> agencies;

  const ComponentSpec* component(const std::string& id) const;
  const CaseSpec* find_case(const std::string& id) const;
};

struct VaultItemSpec {
  nlohmann::json meta;  // contract fields except times_used and status
  std::string code;
  std::string owner_id;
  std::string catalog_code;
  std::string issuing_agency;
  std::optional<CivilDate> valid_until;
  bool revoked = false;
  int initial_times_used = 0;
  std::filesystem::path file;
};

struct DemoData {
  std::map<std::string, nlohmann::json> citizens;  // by id, as in demo.json
  std::map<std::string, std::string> catalog;      // code -> name
  std::map<std::string, nlohmann::json> agencies;  // by id
  nlohmann::json delivery_methods;
  std::vector<ProcedureSpec> procedures;
  std::vector<VaultItemSpec> vault;  // newest issue date first

  // Throws std::runtime_error naming what is wrong.
  static DemoData load(const std::filesystem::path& demo_json);

  const ProcedureSpec* procedure(const std::string& code) const;
  const VaultItemSpec* vault_item(const std::string& code) const;
};

}  // namespace kiosk::sandbox
