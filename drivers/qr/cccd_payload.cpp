#include "drivers/qr/cccd_payload.hpp"

#include <algorithm>

#include "drivers/qr/province_codes.hpp"
#include "kiosk/core/split.hpp"
#include "kiosk/core/utf8.hpp"
#include "kiosk/core/vietnamese_text.hpp"

namespace kiosk::qr {
namespace {

using Result = Parsed<CccdIdentity, CccdRejection>;

constexpr std::size_t kMaxPayloadBytes = 1024;
constexpr std::size_t kMaxExtraFields = 16;
constexpr std::size_t kMaxNameCodePoints = 100;
constexpr std::size_t kMaxAddressCodePoints = 300;

Rejection<CccdRejection> reject(CccdRejection code, std::string detail) {
  return {code, std::move(detail)};
}

bool all_digits(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) {
    s.remove_prefix(1);
  }
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\n')) {
    s.remove_suffix(1);
  }
  return s;
}

bool is_control(char32_t cp) {
  return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F);
}

std::size_t code_points(std::string_view utf8) {
  return static_cast<std::size_t>(std::count_if(
      utf8.begin(), utf8.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

// A name holds letters, spaces and the apostrophes and hyphens of some
// ethnic minority names; digits mean the fields are shifted or foreign.
bool plausible_name(std::string_view name) {
  return !name.empty() && std::none_of(name.begin(), name.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

std::string_view to_string(CccdRejection code) {
  switch (code) {
    case CccdRejection::kTooLong:
      return "too_long";
    case CccdRejection::kNotCccd:
      return "not_cccd";
    case CccdRejection::kIllFormedUtf8:
      return "ill_formed_utf8";
    case CccdRejection::kControlCharacter:
      return "control_character";
    case CccdRejection::kFieldCount:
      return "field_count";
    case CccdRejection::kId:
      return "id";
    case CccdRejection::kUnknownProvince:
      return "unknown_province";
    case CccdRejection::kIdBirthMismatch:
      return "id_birth_mismatch";
    case CccdRejection::kOldId:
      return "old_id";
    case CccdRejection::kName:
      return "name";
    case CccdRejection::kDateOfBirth:
      return "date_of_birth";
    case CccdRejection::kSex:
      return "sex";
    case CccdRejection::kAddress:
      return "address";
    case CccdRejection::kIssueDate:
      return "issue_date";
    case CccdRejection::kIssueBeforeBirth:
      return "issue_before_birth";
    case CccdRejection::kIssueInFuture:
      return "issue_in_future";
  }
  return "unknown";
}

std::string_view sex_label(Sex sex) {
  return sex == Sex::kMale ? "Nam" : "Nữ";
}

Result parse_cccd_payload(std::string_view payload, const CccdParseOptions& options) {
  if (payload.size() > kMaxPayloadBytes) {
    return reject(CccdRejection::kTooLong, "payload longer than a card QR code can be");
  }
  payload = trim(payload);
  const auto decoded = decode_utf8_checked(payload);
  if (std::count(payload.begin(), payload.end(), '|') < 6) {
    return reject(CccdRejection::kNotCccd, "fewer than 7 '|'-separated fields: not a CCCD code");
  }
  if (!decoded) {
    return reject(CccdRejection::kIllFormedUtf8, "payload is not well-formed UTF-8");
  }
  if (std::any_of(decoded->begin(), decoded->end(), is_control)) {
    return reject(CccdRejection::kControlCharacter, "payload contains control characters");
  }
  const std::vector<std::string_view> fields = split(payload, '|');
  if (fields.size() > 7 + kMaxExtraFields) {
    return reject(CccdRejection::kFieldCount, "too many fields (" + std::to_string(fields.size()) + ")");
  }

  CccdIdentity out;
  const std::string_view id = trim(fields[0]);
  if (id.size() != 12 || !all_digits(id)) {
    return reject(CccdRejection::kId, "identification number is not 12 digits");
  }
  out.id = std::string(id);
  if (!province_name(id.substr(0, 3))) {
    return reject(CccdRejection::kUnknownProvince,
                  "identification number starts with an unknown province code");
  }

  const std::string_view old_id = trim(fields[1]);
  // 12-digit CMND numbers were issued in some provinces from 2012 to 2016.
  if (!old_id.empty() && ((old_id.size() != 9 && old_id.size() != 12) || !all_digits(old_id))) {
    return reject(CccdRejection::kOldId, "old ID number is neither empty nor 9 or 12 digits");
  }
  out.old_id = std::string(old_id);

  out.full_name = compose_vietnamese(trim(fields[2]));
  if (!plausible_name(out.full_name) || code_points(out.full_name) > kMaxNameCodePoints) {
    return reject(CccdRejection::kName, "full name is empty, too long or contains digits");
  }

  const auto dob = CivilDate::from_ddmmyyyy(trim(fields[3]));
  if (!dob || dob->year < 1900) {
    return reject(CccdRejection::kDateOfBirth, "date of birth is not a real ddmmyyyy date");
  }
  out.date_of_birth = *dob;

  const std::string sex = compose_vietnamese(trim(fields[4]));
  if (sex == "Nam") {
    out.sex = Sex::kMale;
  } else if (sex == "Nữ") {
    out.sex = Sex::kFemale;
  } else {
    return reject(CccdRejection::kSex, "sex is neither 'Nam' nor 'Nữ'");
  }

  // Digit 4 encodes century and sex (Circular 07/2016/TT-BCA, Article 7):
  // 0/1 = 20th century (1900s) male/female, 2/3 = 2000s, 4/5 = 2100s,
  // 6/7 = 2200s, 8/9 = 2300s.
  const int code = id[3] - '0';
  const int century = 1900 + (code / 2) * 100;
  const int yy = (id[4] - '0') * 10 + (id[5] - '0');
  if (dob->year != century + yy) {
    return reject(CccdRejection::kIdBirthMismatch,
                  "century and year digits of the identification number disagree with the date of birth");
  }
  out.sex_digit_matches = (code % 2 == 1) == (out.sex == Sex::kFemale);

  out.address = compose_vietnamese(trim(fields[5]));
  if (out.address.empty() || code_points(out.address) > kMaxAddressCodePoints) {
    return reject(CccdRejection::kAddress, "address is empty or too long");
  }

  const auto issued = CivilDate::from_ddmmyyyy(trim(fields[6]));
  if (!issued) {
    return reject(CccdRejection::kIssueDate, "issue date is not a real ddmmyyyy date");
  }
  if (*issued < *dob) {
    return reject(CccdRejection::kIssueBeforeBirth, "issue date is before the date of birth");
  }
  if (options.today && *options.today < *issued) {
    return reject(CccdRejection::kIssueInFuture, "issue date is in the future");
  }
  out.issue_date = *issued;

  for (std::size_t i = 7; i < fields.size(); ++i) {
    out.extra_fields.push_back(compose_vietnamese(trim(fields[i])));
  }
  // Some readers report a trailing separator; empty tail fields carry nothing.
  while (!out.extra_fields.empty() && out.extra_fields.back().empty()) {
    out.extra_fields.pop_back();
  }
  return out;
}

std::string format_cccd_payload(const CccdIdentity& c) {
  auto ddmmyyyy = [](const CivilDate& d) {
    const std::string iso = d.iso();
    return iso.substr(8, 2) + iso.substr(5, 2) + iso.substr(0, 4);
  };
  std::string out = c.id + "|" + c.old_id + "|" + c.full_name + "|" + ddmmyyyy(c.date_of_birth) + "|" +
                    std::string(sex_label(c.sex)) + "|" + c.address + "|" + ddmmyyyy(c.issue_date);
  for (const std::string& extra : c.extra_fields) {
    out += "|" + extra;
  }
  return out;
}

}  // namespace kiosk::qr
