#pragma once

#include <compare>
#include <optional>
#include <string>
#include <string_view>

namespace kiosk::qr {

// A calendar date without time zone, as printed on the card.
struct CivilDate {
  int year = 0;
  int month = 0;
  int day = 0;

  friend auto operator<=>(const CivilDate&, const CivilDate&) = default;

  // A date that exists in the proleptic Gregorian calendar.
  static bool is_real(int year, int month, int day);
  static std::optional<CivilDate> make(int year, int month, int day);
  // "ddmmyyyy" as written in the CCCD QR payload.
  static std::optional<CivilDate> from_ddmmyyyy(std::string_view text);
  // "yyyy-mm-dd".
  static std::optional<CivilDate> from_iso(std::string_view text);

  // The same day `years` later; 29 February becomes 28 February in common years.
  CivilDate plus_years(int years) const;
  std::string iso() const;
  // "YYMMDD" as in the machine readable zone.
  std::string yymmdd() const;
};

int days_in_month(int year, int month);

}  // namespace kiosk::qr
