#include "kiosk/core/civil_date.hpp"

#include <charconv>
#include <cstdio>

namespace kiosk {
namespace {

std::optional<unsigned> digits(std::string_view text) {
  unsigned value = 0;
  if (text.empty()) {
    return std::nullopt;
  }
  const auto* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (ec != std::errc{} || ptr != end) {
    return std::nullopt;
  }
  return value;
}

std::optional<CivilDate> make(std::optional<unsigned> y, std::optional<unsigned> m,
                              std::optional<unsigned> d) {
  if (!y || !m || !d) {
    return std::nullopt;
  }
  const std::chrono::year_month_day ymd{std::chrono::year{static_cast<int>(*y)}, std::chrono::month{*m},
                                        std::chrono::day{*d}};
  if (!ymd.ok()) {
    return std::nullopt;
  }
  return CivilDate{ymd};
}

}  // namespace

std::optional<CivilDate> CivilDate::from_iso(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') {
    return std::nullopt;
  }
  return make(digits(text.substr(0, 4)), digits(text.substr(5, 2)), digits(text.substr(8, 2)));
}

std::optional<CivilDate> CivilDate::from_ddmmyyyy(std::string_view text) {
  if (text.size() != 8) {
    return std::nullopt;
  }
  return make(digits(text.substr(4, 4)), digits(text.substr(2, 2)), digits(text.substr(0, 2)));
}

std::optional<CivilDate> CivilDate::from_yymmdd(std::string_view text, int pivot_year) {
  if (text.size() != 6) {
    return std::nullopt;
  }
  const auto yy = digits(text.substr(0, 2));
  if (!yy) {
    return std::nullopt;
  }
  // The two-digit year is the one closest to (and not after) the pivot's century window.
  int year = pivot_year / 100 * 100 + static_cast<int>(*yy);
  if (year > pivot_year) {
    year -= 100;
  }
  return make(static_cast<unsigned>(year), digits(text.substr(2, 2)), digits(text.substr(4, 2)));
}

CivilDate CivilDate::from_ymd(int year, unsigned month, unsigned day) {
  return CivilDate{
      std::chrono::year_month_day{std::chrono::year{year}, std::chrono::month{month}, std::chrono::day{day}}};
}

CivilDate CivilDate::plus_working_days(std::uint32_t n) const {
  const auto working = [](std::chrono::sys_days day) {
    const std::chrono::weekday w{day};
    return w != std::chrono::Saturday && w != std::chrono::Sunday;
  };
  std::chrono::sys_days day = days();
  while (!working(day)) {
    day += std::chrono::days{1};
  }
  for (std::uint32_t i = 0; i < n;) {
    day += std::chrono::days{1};
    if (working(day)) {
      ++i;
    }
  }
  return CivilDate{std::chrono::year_month_day{day}};
}

std::string CivilDate::iso() const {
  char out[16];
  std::snprintf(out, sizeof out, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
  return out;
}

std::string CivilDate::vietnamese() const {
  char out[16];
  std::snprintf(out, sizeof out, "%02u/%02u/%04d", static_cast<unsigned>(ymd.day()),
                static_cast<unsigned>(ymd.month()), static_cast<int>(ymd.year()));
  return out;
}

}  // namespace kiosk
