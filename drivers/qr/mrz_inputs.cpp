#include "drivers/qr/mrz_inputs.hpp"

#include <array>
#include <span>

namespace kiosk::qr {

// Renewal ages: Law on Citizen Identification 59/2014/QH13, Article 21 (cards
// issued until 30 June 2024): renew at 25, 40 and 60; a card issued within the
// 2 years before one of these ages stays valid until the next one. Law on
// Identification 26/2023/QH15, Article 21 (cards issued from 1 July 2024) adds
// the age of 14 with the same 2-year rule. No renewal age follows 60: such a
// card does not expire.
std::optional<CivilDate> card_expiry(const CivilDate& dob, const CivilDate& issued) {
  static constexpr std::array<int, 3> kAges2014{25, 40, 60};
  static constexpr std::array<int, 4> kAges2023{14, 25, 40, 60};
  const bool new_law = issued >= CivilDate{2024, 7, 1};
  const std::span<const int> ages =
      new_law ? std::span<const int>(kAges2023) : std::span<const int>(kAges2014);
  for (const int age : ages) {
    const CivilDate renewal = dob.plus_years(age);
    if (issued < renewal.plus_years(-2)) {
      return renewal;
    }
  }
  return std::nullopt;
}

// Cards that do not expire still need a value for the access key. No public
// source was found on what Vietnamese cards issued from 58 on print in the
// MRZ, so the chip reader should let staff type the printed MRZ when BAC with
// this value fails.
MrzInputs mrz_inputs_from_qr(const CccdIdentity& identity) {
  MrzInputs out;
  out.document_number = identity.id.substr(identity.id.size() - 9);
  out.date_of_birth = identity.date_of_birth.yymmdd();
  out.expiry = card_expiry(identity.date_of_birth, identity.issue_date);
  out.date_of_expiry = out.expiry ? out.expiry->yymmdd() : kNoExpiryMrz;
  return out;
}

}  // namespace kiosk::qr
