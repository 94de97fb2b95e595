#include <gtest/gtest.h>

#include <algorithm>

#include "kiosk/core/session.hpp"

namespace kiosk {
namespace {

using namespace std::chrono_literals;
using Clock = Session::Clock;

template <class E>
bool has(const std::vector<Effect>& effects) {
  return std::any_of(effects.begin(), effects.end(),
                     [](const Effect& e) { return std::holds_alternative<E>(e); });
}

class OutOfServiceTest : public ::testing::Test {
 protected:
  Session session{IdlePolicy{60s, 20s, 8s}, [] { return CivilDate::from_ymd(2026, 11, 23); }};
  Clock::time_point now = Clock::time_point{} + 1000s;
};

TEST_F(OutOfServiceTest, MissingStoreShowsTheNoticeWithWhatFailed) {
  session.handle(event::ServiceUnavailable{{"audit log", "outbox key"}}, now);
  EXPECT_EQ(session.view().screen, Screen::OutOfService);
  EXPECT_EQ(session.view().out_of_service, (std::vector<std::string>{"audit log", "outbox key"}));
  EXPECT_EQ(screen_name(Screen::OutOfService), "out_of_service");
}

TEST_F(OutOfServiceTest, NoJourneyStartsFromTheNotice) {
  session.handle(event::ServiceUnavailable{{"audit log"}}, now);
  EXPECT_TRUE(session.handle(intent::Begin{}, now).empty());
  EXPECT_TRUE(session.handle(intent::OpenLookup{}, now).empty());
  EXPECT_TRUE(session.handle(event::CardPresented{}, now).empty());
  EXPECT_EQ(session.view().screen, Screen::OutOfService);
  // Idle handling never ends what is not a session.
  EXPECT_TRUE(session.tick(now + 10min).empty());
  EXPECT_EQ(session.view().screen, Screen::OutOfService);
  EXPECT_FALSE(session.next_deadline().has_value());
}

TEST_F(OutOfServiceTest, LanguageStillChangesOnTheNotice) {
  session.handle(event::ServiceUnavailable{{"audit log"}}, now);
  session.handle(intent::SetLanguage{Language::English}, now);
  EXPECT_EQ(session.view().language, Language::English);
}

TEST_F(OutOfServiceTest, ASessionUnderWayIsWipedFirst) {
  session.handle(intent::Begin{}, now);
  ASSERT_EQ(session.view().screen, Screen::Identify);
  const auto effects = session.handle(event::ServiceUnavailable{{"outbox"}}, now);
  EXPECT_TRUE(has<effect::WipeSession>(effects));
  EXPECT_EQ(session.view().screen, Screen::OutOfService);
}

TEST_F(OutOfServiceTest, OutboxCountsStillReachStaff) {
  session.handle(event::ServiceUnavailable{{"scan signing key"}}, now);
  session.handle(event::OutboxChanged{3, 1}, now);
  EXPECT_EQ(session.view().outbox_pending, 3);
  EXPECT_EQ(session.view().outbox_held, 1);
}

}  // namespace
}  // namespace kiosk
