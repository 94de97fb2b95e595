#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "drivers/qr/civil_date.hpp"
#include "drivers/qr/parsed.hpp"

namespace kiosk::qr {

enum class Sex { kMale, kFemale };

// What the QR code printed on a CCCD / thẻ căn cước says. It is weak
// identity: a photocopy carries the same code. It may pre-fill forms and give
// the chip reader its access key, never open the vault by itself.
struct CccdIdentity {
  std::string id;         // số định danh cá nhân, 12 digits
  std::string old_id;     // số CMND, empty when the person never had one
  std::string full_name;  // NFC
  CivilDate date_of_birth;
  Sex sex = Sex::kMale;
  std::string address;  // nơi thường trú / nơi cư trú, NFC
  CivilDate issue_date;
  // Cards issued from 1 July 2024 (Circular 16/2024/TT-BCA) may append fields
  // after the issue date (cancelled identification numbers, parents' names
  // for children). Their order is not published, so they are kept as read
  // (NFC, validated UTF-8) and not interpreted.
  std::vector<std::string> extra_fields;
  // The 4th digit of the number encodes sex as well as century. A mismatch is
  // kept as a flag for staff, not a refusal: the number stays for life while
  // the recorded sex can be re-determined, and the chip settles identity.
  bool sex_digit_matches = true;

  std::string_view province_code() const { return std::string_view(id).substr(0, 3); }
};

enum class CccdRejection {
  kTooLong,
  kNotCccd,  // no field structure at all: some other QR code
  kIllFormedUtf8,
  kControlCharacter,
  kFieldCount,
  kId,
  kUnknownProvince,
  kIdBirthMismatch,  // century / year digits disagree with the date of birth
  kOldId,
  kName,
  kDateOfBirth,
  kSex,
  kAddress,
  kIssueDate,
  kIssueBeforeBirth,
  kIssueInFuture,
};

std::string_view to_string(CccdRejection code);

struct CccdParseOptions {
  // When set, an issue date after this day is refused.
  std::optional<CivilDate> today;
};

// Parses `id|old id|full name|ddmmyyyy|Nam/Nữ|address|ddmmyyyy[|extra...]`.
Parsed<CccdIdentity, CccdRejection> parse_cccd_payload(std::string_view payload,
                                                       const CccdParseOptions& options = {});

// The payload the card would carry for this identity (used to print demo
// cards and test images).
std::string format_cccd_payload(const CccdIdentity& identity);

std::string_view sex_label(Sex sex);  // "Nam" / "Nữ"

}  // namespace kiosk::qr
