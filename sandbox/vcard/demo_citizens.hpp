#pragma once
// The demo citizens shared with the sandbox vault (sandbox/demo/citizens.json).
#include <filesystem>
#include <string>
#include <vector>

namespace kiosk::vcard {

struct ChipProfile {
  bool pace = false;
  bool active_authentication = false;
  bool chip_authentication = false;
  bool extended_length = true;
  std::string document_signer = "rsa-pkcs1";  // rsa-pkcs1, rsa-pss, ecdsa
};

struct DemoCitizen {
  std::string id;
  std::string old_id;
  std::string full_name;
  std::string date_of_birth;  // YYYY-MM-DD
  std::string sex;
  std::string nationality;
  std::string ethnicity;
  std::string religion;
  std::string place_of_origin;
  std::string place_of_residence;
  std::string identifying_marks;
  std::string issue_date;
  std::string expiry_date;  // empty: the card never expires
  std::string father_name;
  std::string mother_name;
  ChipProfile card;
};

// Throws std::runtime_error when the file is unreadable or malformed.
std::vector<DemoCitizen> load_demo_citizens(const std::filesystem::path& path);

}  // namespace kiosk::vcard
