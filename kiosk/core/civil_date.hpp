#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace kiosk {

// A calendar date without time zone, as printed on papers and cards.
struct CivilDate {
  std::chrono::year_month_day ymd{};

  static std::optional<CivilDate> from_iso(std::string_view text);                     // 1990-03-15
  static std::optional<CivilDate> from_ddmmyyyy(std::string_view text);                // 15031990 (CCCD QR)
  static std::optional<CivilDate> from_yymmdd(std::string_view text, int pivot_year);  // MRZ
  static CivilDate from_ymd(int year, unsigned month, unsigned day);

  [[nodiscard]] std::string iso() const;         // 1990-03-15
  [[nodiscard]] std::string vietnamese() const;  // 15/03/1990
  [[nodiscard]] int year() const { return static_cast<int>(ymd.year()); }
  [[nodiscard]] std::chrono::sys_days days() const { return std::chrono::sys_days{ymd}; }
  // n working days later, Saturdays and Sundays skipped (n = 0: the same
  // day, or the next working day when this one is not). Public holidays are
  // the provincial system's business: its appointment date is the one of record.
  [[nodiscard]] CivilDate plus_working_days(std::uint32_t n) const;

  friend auto operator<=>(const CivilDate&, const CivilDate&) = default;
};

}  // namespace kiosk
