#pragma once

#include <optional>
#include <string>

#include "drivers/qr/cccd_payload.hpp"
#include "drivers/qr/civil_date.hpp"

namespace kiosk::qr {

// The three MRZ fields from which BAC derives the chip's access key.
struct MrzInputs {
  std::string document_number;      // last 9 digits of the identification number
  std::string date_of_birth;        // YYMMDD
  std::string date_of_expiry;       // YYMMDD
  std::optional<CivilDate> expiry;  // nullopt: the card does not expire
};

// What the MRZ carries as expiry when the card does not expire: ICAO 9303
// fills an absent field with '<'. The card driver (drivers/card/mrz_key.hpp)
// and the virtual test card use the same value.
inline constexpr const char* kNoExpiryMrz = "<<<<<<";

std::optional<CivilDate> card_expiry(const CivilDate& date_of_birth, const CivilDate& issue_date);
MrzInputs mrz_inputs_from_qr(const CccdIdentity& identity);

}  // namespace kiosk::qr
