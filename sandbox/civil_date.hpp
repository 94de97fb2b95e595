#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace kiosk::sandbox {

// A calendar day in the province (UTC+7), for validity and appointments.
struct CivilDate {
  int year = 1970;
  int month = 1;
  int day = 1;

  static std::optional<CivilDate> parse(std::string_view iso);  // YYYY-MM-DD
  static CivilDate from_days(long days_since_epoch);
  static CivilDate local_today(std::chrono::system_clock::time_point now);

  long days_since_epoch() const;
  CivilDate plus_days(long n) const { return from_days(days_since_epoch() + n); }
  // n working days later (Saturdays and Sundays skipped); n = 0 is the same day,
  // moved to the next Monday when it falls on a weekend.
  CivilDate plus_working_days(int n) const;
  int weekday() const;  // 0 = Sunday
  std::string iso() const;
  std::string ddmmyyyy() const;  // "02022024", as in vault codes
  std::string yymmdd() const;    // "230520", as in dossier codes
  auto operator<=>(const CivilDate&) const = default;
};

// RFC 3339 instant with the province's +07:00 offset.
std::string rfc3339_local(std::chrono::system_clock::time_point t);

}  // namespace kiosk::sandbox
