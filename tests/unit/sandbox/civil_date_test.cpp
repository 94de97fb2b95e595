#include "sandbox/civil_date.hpp"

#include <gtest/gtest.h>

namespace kiosk::sandbox {
namespace {

TEST(CivilDate, ParsesAndRejects) {
  const auto d = CivilDate::parse("2024-02-29");
  ASSERT_TRUE(d);
  EXPECT_EQ(d->iso(), "2024-02-29");
  EXPECT_EQ(d->ddmmyyyy(), "29022024");
  EXPECT_EQ(d->yymmdd(), "240229");
  for (const char* bad :
       {"2023-02-29", "2024-13-01", "2024-00-10", "24-01-01", "2024/01/01", "2024-01-1x", ""}) {
    EXPECT_FALSE(CivilDate::parse(bad)) << bad;
  }
}

TEST(CivilDate, RoundTripsThroughDays) {
  for (long z = -800000; z < 800000; z += 997) {
    EXPECT_EQ(CivilDate::from_days(z).days_since_epoch(), z);
  }
  EXPECT_EQ(CivilDate::parse("1970-01-01")->days_since_epoch(), 0);
}

TEST(CivilDate, WeekdaysAndWorkingDays) {
  const CivilDate fri = *CivilDate::parse("2023-05-19");
  EXPECT_EQ(fri.weekday(), 5);
  EXPECT_EQ(fri.plus_working_days(0).iso(), "2023-05-19");
  EXPECT_EQ(fri.plus_working_days(1).iso(), "2023-05-22");  // over the weekend
  EXPECT_EQ(fri.plus_working_days(6).iso(), "2023-05-29");
  const CivilDate sat = *CivilDate::parse("2023-05-20");
  EXPECT_EQ(sat.plus_working_days(0).iso(), "2023-05-22");  // received on Saturday: Monday
  EXPECT_EQ(sat.plus_working_days(1).iso(), "2023-05-23");
}

TEST(CivilDate, LocalDayIsUtcPlusSeven) {
  using namespace std::chrono;
  // 2023-05-19 17:30 UTC is 2023-05-20 00:30 in Vietnam.
  const auto t = sys_days{year{2023} / 5 / 19} + hours{17} + minutes{30};
  EXPECT_EQ(CivilDate::local_today(t).iso(), "2023-05-20");
  EXPECT_EQ(rfc3339_local(t), "2023-05-20T00:30:00+07:00");
}

}  // namespace
}  // namespace kiosk::sandbox
