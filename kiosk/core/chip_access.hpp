#pragma once

#include <optional>
#include <string>

#include "kiosk/core/civil_date.hpp"

namespace kiosk {

// What BAC/PACE needs to open the chip: the kiosk gets it from the card's QR,
// from staff typing, or from the short on-screen form.
struct ChipAccessInputs {
  std::string id_number;  // 12 digits; the MRZ document number is its last 9
  CivilDate date_of_birth;
  std::optional<CivilDate> expiry;  // none: card without expiry (holder over 60)
};

}  // namespace kiosk
