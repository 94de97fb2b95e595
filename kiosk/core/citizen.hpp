#pragma once

#include <optional>
#include <string>

#include "kiosk/core/civil_date.hpp"

namespace kiosk {

// How the kiosk learned who is standing in front of it. Only a verified chip
// (or a staff member's confirmation) is strong enough to open the vault: a
// printed QR can be photocopied.
enum class IdentitySource { None, Chip, QrCode, StaffConfirmed };

enum class ChipVerification {
  NotRead,
  PassiveOnly,  // SOD and data-group hashes verified; a clone would pass too
  ChipGenuine,  // plus active or chip authentication
};

// The citizen's identity data as read from the CCCD (DG13 / QR); personal data.
struct CitizenIdentity {
  std::string id_number;      // 12-digit số định danh cá nhân
  std::string old_id_number;  // 9-digit CMND, may be empty
  std::string full_name;
  std::optional<CivilDate> date_of_birth;
  std::string sex;
  std::string nationality;
  std::string ethnicity;
  std::string religion;
  std::string place_of_origin;
  std::string place_of_residence;
  std::optional<CivilDate> issue_date;
  std::optional<CivilDate> expiry_date;  // none: card valid without limit (holder over 60)

  void wipe();
};

struct VerifiedIdentity {
  CitizenIdentity citizen;
  IdentitySource source = IdentitySource::None;
  ChipVerification chip = ChipVerification::NotRead;

  // The vault may be opened only on a chip that passed passive
  // authentication, or when staff confirmed the person.
  [[nodiscard]] bool may_open_vault() const {
    return (source == IdentitySource::Chip && chip != ChipVerification::NotRead) ||
           source == IdentitySource::StaffConfirmed;
  }
};

}  // namespace kiosk
