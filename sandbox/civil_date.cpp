#include "sandbox/civil_date.hpp"

#include <cstdio>

namespace kiosk::sandbox {
namespace {

constexpr long kProvinceOffsetSeconds = 7 * 3600;

bool digits(std::string_view s) {
  for (const char c : s) {
    if (c < '0' || c > '9') {
      return false;
    }
  }
  return !s.empty();
}

int to_int(std::string_view s) {
  int v = 0;
  for (const char c : s) {
    v = v * 10 + (c - '0');
  }
  return v;
}

int days_in_month(int y, int m) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return m == 2 && leap ? 29 : kDays[m - 1];
}

}  // namespace

std::optional<CivilDate> CivilDate::parse(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-' || !digits(s.substr(0, 4)) || !digits(s.substr(5, 2)) ||
      !digits(s.substr(8, 2))) {
    return std::nullopt;
  }
  CivilDate d{to_int(s.substr(0, 4)), to_int(s.substr(5, 2)), to_int(s.substr(8, 2))};
  if (d.year < 1900 || d.month < 1 || d.month > 12 || d.day < 1 || d.day > days_in_month(d.year, d.month)) {
    return std::nullopt;
  }
  return d;
}

// Howard Hinnant's days_from_civil / civil_from_days.
long CivilDate::days_since_epoch() const {
  const long y = year - (month <= 2 ? 1 : 0);
  const long era = (y >= 0 ? y : y - 399) / 400;
  const long yoe = y - era * 400;
  const long mp = (month + 9) % 12;
  const long doy = (153 * mp + 2) / 5 + day - 1;
  const long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

CivilDate CivilDate::from_days(long z) {
  z += 719468;
  const long era = (z >= 0 ? z : z - 146096) / 146097;
  const long doe = z - era * 146097;
  const long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const long mp = (5 * doy + 2) / 153;
  const long d = doy - (153 * mp + 2) / 5 + 1;
  const long m = mp < 10 ? mp + 3 : mp - 9;
  const long y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return CivilDate{static_cast<int>(y), static_cast<int>(m), static_cast<int>(d)};
}

CivilDate CivilDate::local_today(std::chrono::system_clock::time_point now) {
  const long seconds =
      static_cast<long>(std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count());
  const long local = seconds + kProvinceOffsetSeconds;
  return from_days(local >= 0 ? local / 86400 : (local - 86399) / 86400);
}

int CivilDate::weekday() const {
  long w = (days_since_epoch() + 4) % 7;  // 1970-01-01 was a Thursday
  if (w < 0) {
    w += 7;
  }
  return static_cast<int>(w);
}

CivilDate CivilDate::plus_working_days(int n) const {
  CivilDate d = *this;
  while (d.weekday() == 0 || d.weekday() == 6) {
    d = d.plus_days(1);
  }
  for (int i = 0; i < n;) {
    d = d.plus_days(1);
    if (d.weekday() != 0 && d.weekday() != 6) {
      ++i;
    }
  }
  return d;
}

std::string CivilDate::iso() const {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
  return buf;
}

std::string CivilDate::ddmmyyyy() const {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%02d%02d%04d", day, month, year);
  return buf;
}

std::string CivilDate::yymmdd() const {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%02d%02d%02d", year % 100, month, day);
  return buf;
}

std::string rfc3339_local(std::chrono::system_clock::time_point t) {
  const long seconds =
      static_cast<long>(std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count()) +
      kProvinceOffsetSeconds;
  const long days = seconds >= 0 ? seconds / 86400 : (seconds - 86399) / 86400;
  const long rest = seconds - days * 86400;
  const CivilDate d = CivilDate::from_days(days);
  char buf[40];
  std::snprintf(buf, sizeof buf, "%sT%02ld:%02ld:%02ld+07:00", d.iso().c_str(), rest / 3600, rest / 60 % 60,
                rest % 60);
  return buf;
}

}  // namespace kiosk::sandbox
