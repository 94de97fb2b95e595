#include "kiosk/fleet/poll_schedule.hpp"

#include <gtest/gtest.h>

namespace kiosk::fleet {
namespace {

using std::chrono::seconds;

TEST(PollingSleep, ParsesHawkbitFormat) {
  EXPECT_EQ(parse_polling_sleep("00:05:00"), seconds(300));
  EXPECT_EQ(parse_polling_sleep("12:00:00"), seconds(43200));
  EXPECT_FALSE(parse_polling_sleep("5:00"));
  EXPECT_FALSE(parse_polling_sleep("00:61:00"));
  EXPECT_FALSE(parse_polling_sleep("aa:bb:cc"));
}

TEST(PollSchedule, HonoursTheServersSleep) {
  PollSchedule schedule(seconds(600));
  EXPECT_EQ(schedule.after(200, seconds(300), std::nullopt), seconds(300));
  EXPECT_EQ(schedule.after(200, std::nullopt, std::nullopt), seconds(300));
}

TEST(PollSchedule, TooManyRequestsWaitsRetryAfterOrASecondAndBacksOff) {
  PollSchedule schedule(seconds(300));
  EXPECT_EQ(schedule.after(429, std::nullopt, seconds(7)), seconds(7));
  PollSchedule fresh(seconds(300));
  EXPECT_EQ(fresh.after(429, std::nullopt, std::nullopt), seconds(1));
  EXPECT_EQ(fresh.after(429, std::nullopt, std::nullopt), seconds(2));
  EXPECT_EQ(fresh.after(429, std::nullopt, std::nullopt), seconds(4));
  EXPECT_EQ(fresh.after(200, std::nullopt, std::nullopt), seconds(300));
}

TEST(PollSchedule, ServerErrorsBackOffUpToTheSleep) {
  PollSchedule schedule(seconds(300));
  EXPECT_EQ(schedule.after(503, std::nullopt, std::nullopt), seconds(30));
  EXPECT_EQ(schedule.after(500, std::nullopt, std::nullopt), seconds(60));
  EXPECT_EQ(schedule.after(0, std::nullopt, std::nullopt), seconds(120));
  EXPECT_EQ(schedule.after(0, std::nullopt, std::nullopt), seconds(240));
  EXPECT_EQ(schedule.after(0, std::nullopt, std::nullopt), seconds(300));
  EXPECT_EQ(schedule.after(0, std::nullopt, std::nullopt), seconds(300));
}

TEST(PollSchedule, UnknownOrUnauthenticatedTargetRetriesRarely) {
  PollSchedule schedule(seconds(300));
  EXPECT_EQ(schedule.after(401, std::nullopt, std::nullopt), seconds(900));
  EXPECT_EQ(schedule.after(404, std::nullopt, std::nullopt), seconds(900));
}

}  // namespace
}  // namespace kiosk::fleet
