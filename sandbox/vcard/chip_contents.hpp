#pragma once
// What a virtual CCCD chip holds: its LDS files (EF.CardAccess, EF.COM,
// DG1, DG2, DG13, DG14, DG15, EF.SOD) and its private keys, built from a
// demo citizen and the test PKI generated at build time.
#include <filesystem>
#include <map>
#include <optional>
#include <string>

#include "drivers/card/bytes.hpp"
#include "drivers/card/mrz_key.hpp"
#include "kiosk/crypto/openssl_handles.hpp"
#include "sandbox/vcard/demo_citizens.hpp"

namespace kiosk::vcard {

struct ChipFaults {
  std::optional<int> tampered_group;  // changed after the SOD was signed
  std::string signer_override;        // "untrusted" (rogue CSCA) or "expired"
  bool cloned = false;                // AA/CA keys differ from DG14/DG15
};

struct ChipContents {
  card::MrzKey key;
  std::map<std::uint16_t, card::Bytes> files;  // by file identifier (0x0101 = DG1, 0x011D = SOD, ...)
  ossl::Pkey active_authentication_key;  // null without AA
  ossl::Pkey chip_authentication_key;    // null without CA
  bool pace = false;
  bool extended_length = true;
};

// Throws std::runtime_error when a key or certificate is missing.
ChipContents build_chip(const DemoCitizen& citizen, const ChipProfile& profile, const ChipFaults& faults,
                        const std::filesystem::path& pki_dir);

// "NGUYEN<<VAN<AN": the MRZ name field from a Vietnamese UTF-8 name.
std::string mrz_name(const std::string& full_name);

}  // namespace kiosk::vcard
