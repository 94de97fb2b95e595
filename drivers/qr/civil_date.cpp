#include "drivers/qr/civil_date.hpp"

#include <cstdio>

namespace kiosk::qr {
namespace {

bool leap(int year) {
  return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

std::optional<int> digits(std::string_view text) {
  if (text.empty() || text.size() > 4) {
    return std::nullopt;
  }
  int value = 0;
  for (const char c : text) {
    if (c < '0' || c > '9') {
      return std::nullopt;
    }
    value = value * 10 + (c - '0');
  }
  return value;
}

}  // namespace

int days_in_month(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12) {
    return 0;
  }
  return month == 2 && leap(year) ? 29 : kDays[month - 1];
}

bool CivilDate::is_real(int year, int month, int day) {
  return year >= 1 && year <= 9999 && month >= 1 && month <= 12 && day >= 1 &&
         day <= days_in_month(year, month);
}

std::optional<CivilDate> CivilDate::make(int year, int month, int day) {
  if (!is_real(year, month, day)) {
    return std::nullopt;
  }
  return CivilDate{year, month, day};
}

std::optional<CivilDate> CivilDate::from_ddmmyyyy(std::string_view text) {
  if (text.size() != 8) {
    return std::nullopt;
  }
  const auto d = digits(text.substr(0, 2));
  const auto m = digits(text.substr(2, 2));
  const auto y = digits(text.substr(4, 4));
  if (!d || !m || !y) {
    return std::nullopt;
  }
  return make(*y, *m, *d);
}

std::optional<CivilDate> CivilDate::from_iso(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') {
    return std::nullopt;
  }
  const auto y = digits(text.substr(0, 4));
  const auto m = digits(text.substr(5, 2));
  const auto d = digits(text.substr(8, 2));
  if (!d || !m || !y) {
    return std::nullopt;
  }
  return make(*y, *m, *d);
}

CivilDate CivilDate::plus_years(int years) const {
  CivilDate out{year + years, month, day};
  if (out.day > days_in_month(out.year, out.month)) {
    out.day = days_in_month(out.year, out.month);
  }
  return out;
}

std::string CivilDate::iso() const {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
  return buf;
}

std::string CivilDate::yymmdd() const {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%02d%02d%02d", year % 100, month, day);
  return buf;
}

}  // namespace kiosk::qr
