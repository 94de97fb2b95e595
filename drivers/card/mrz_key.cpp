#include "drivers/card/mrz_key.hpp"

#include <array>
#include <cctype>

#include "drivers/card/card_error.hpp"

namespace kiosk::card {

namespace {
bool all_digits(std::string_view s) {
  for (char c : s) {
    if (c < '0' || c > '9')
      return false;
  }
  return true;
}

void require_date(std::string_view yymmdd, const char* what) {
  if (yymmdd.size() != 6 || !all_digits(yymmdd)) {
    throw CardError(ErrorCode::InvalidInput, std::string(what) + " must be 6 digits YYMMDD");
  }
  const int month = (yymmdd[2] - '0') * 10 + (yymmdd[3] - '0');
  const int day = (yymmdd[4] - '0') * 10 + (yymmdd[5] - '0');
  if (month < 1 || month > 12 || day < 1 || day > 31) {
    throw CardError(ErrorCode::InvalidInput, std::string(what) + " is not a calendar date");
  }
}

char digit(int v) {
  return static_cast<char>('0' + v);
}
}  // namespace

int mrz_check_digit(std::string_view field) {
  static constexpr std::array<int, 3> kWeights{7, 3, 1};
  int sum = 0;
  for (std::size_t i = 0; i < field.size(); ++i) {
    const char c = field[i];
    int value = 0;
    if (c >= '0' && c <= '9') {
      value = c - '0';
    } else if (c >= 'A' && c <= 'Z') {
      value = c - 'A' + 10;
    } else if (c != '<') {
      return -1;
    }
    sum += value * kWeights[i % 3];
  }
  return sum % 10;
}

std::string MrzKey::information() const {
  std::string number = document_number;
  while (number.size() < 9)
    number.push_back('<');
  return number + digit(mrz_check_digit(number)) + date_of_birth + digit(mrz_check_digit(date_of_birth)) +
         date_of_expiry + digit(mrz_check_digit(date_of_expiry));
}

MrzKey cccd_mrz_key(std::string_view id12, std::string_view dob_yymmdd, std::string_view expiry_yymmdd) {
  if (id12.size() != 12 || !all_digits(id12)) {
    throw CardError(ErrorCode::InvalidInput, "the CCCD number must be 12 digits");
  }
  require_date(dob_yymmdd, "date of birth");
  MrzKey key;
  key.document_number = std::string(id12.substr(3));
  key.date_of_birth = std::string(dob_yymmdd);
  if (expiry_yymmdd.empty() || expiry_yymmdd == "<<<<<<") {
    key.date_of_expiry = "<<<<<<";
  } else {
    require_date(expiry_yymmdd, "date of expiry");
    key.date_of_expiry = std::string(expiry_yymmdd);
  }
  return key;
}

std::optional<CivilDate> cccd_expiry(const CivilDate& birth, const CivilDate& issued) {
  // Age (in whole years) reached on the issue date.
  auto birthday_at = [&](int age) { return CivilDate{birth.year + age, birth.month, birth.day}; };
  for (int age : {14, 25, 40, 60}) {
    if (age == 14 && issued >= birthday_at(12))
      continue;
    const CivilDate renewal = birthday_at(age);
    const CivilDate two_years_before = birthday_at(age - 2);
    if (issued < two_years_before) {
      return renewal;
    }
  }
  return std::nullopt;
}

std::string to_yymmdd(const CivilDate& date) {
  std::string out;
  for (int v : {date.year % 100, date.month, date.day}) {
    out.push_back(digit(v / 10));
    out.push_back(digit(v % 10));
  }
  return out;
}

}  // namespace kiosk::card
