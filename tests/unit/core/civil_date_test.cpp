#include "kiosk/core/civil_date.hpp"

#include <gtest/gtest.h>

namespace kiosk {
namespace {

TEST(CivilDate, ParsesIsoAndRejectsImpossibleDates) {
  EXPECT_EQ(CivilDate::from_iso("1990-03-15")->vietnamese(), "15/03/1990");
  EXPECT_FALSE(CivilDate::from_iso("1990-02-30"));
  EXPECT_FALSE(CivilDate::from_iso("1990-3-15"));
  EXPECT_FALSE(CivilDate::from_iso("199a-03-15"));
}

TEST(CivilDate, ParsesQrDates) {
  EXPECT_EQ(CivilDate::from_ddmmyyyy("29022000")->iso(), "2000-02-29");
  EXPECT_FALSE(CivilDate::from_ddmmyyyy("29021900"));
  EXPECT_FALSE(CivilDate::from_ddmmyyyy("2902200"));
}

TEST(CivilDate, MrzYearsFollowThePivot) {
  EXPECT_EQ(CivilDate::from_yymmdd("900315", 2026)->iso(), "1990-03-15");
  EXPECT_EQ(CivilDate::from_yymmdd("030120", 2026)->iso(), "2003-01-20");
  EXPECT_EQ(CivilDate::from_yymmdd("380722", 2099)->iso(), "2038-07-22");
}

// Appointment estimates count working days, as the provincial system does.
TEST(CivilDate, WorkingDaysSkipWeekends) {
  const auto friday = CivilDate::from_ymd(2026, 11, 20);
  EXPECT_EQ(friday.plus_working_days(0), friday);
  EXPECT_EQ(friday.plus_working_days(1), CivilDate::from_ymd(2026, 11, 23));
  EXPECT_EQ(friday.plus_working_days(6), CivilDate::from_ymd(2026, 11, 30));
  EXPECT_EQ(CivilDate::from_ymd(2026, 11, 22).plus_working_days(0), CivilDate::from_ymd(2026, 11, 23));
}

}  // namespace
}  // namespace kiosk
