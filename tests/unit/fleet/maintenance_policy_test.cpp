#include "kiosk/fleet/maintenance_policy.hpp"

#include <gtest/gtest.h>

namespace kiosk::fleet {
namespace {

using std::chrono::minutes;

constexpr minutes at(int h, int m) {
  return minutes(h * 60 + m);
}

MaintenancePolicy policy_with_window() {
  return MaintenancePolicy(MaintenanceConfig{std::chrono::minutes(10), DailyWindow{at(22, 0), at(5, 0)}});
}

TEST(DailyWindow, WrapsMidnight) {
  const DailyWindow night{at(22, 0), at(5, 0)};
  EXPECT_TRUE(night.contains(at(22, 0)));
  EXPECT_TRUE(night.contains(at(2, 30)));
  EXPECT_FALSE(night.contains(at(5, 0)));
  EXPECT_FALSE(night.contains(at(12, 0)));
  const DailyWindow lunch{at(12, 0), at(13, 0)};
  EXPECT_TRUE(lunch.contains(at(12, 30)));
  EXPECT_FALSE(lunch.contains(at(23, 0)));
}

TEST(MaintenancePolicy, SessionInProgressBlocksEveryHandling) {
  const auto policy = policy_with_window();
  const KioskActivity busy{true, std::chrono::hours(5)};
  EXPECT_EQ(policy.decide(UpdateHandling::kForced, busy, at(23, 0)), InstallDecision::kWaitSession);
  EXPECT_EQ(policy.decide(UpdateHandling::kAttempt, busy, at(23, 0)), InstallDecision::kWaitSession);
}

TEST(MaintenancePolicy, SkipWaitsForTheServer) {
  const auto policy = policy_with_window();
  EXPECT_EQ(policy.decide(UpdateHandling::kSkip, KioskActivity{false, std::chrono::hours(5)}, at(23, 0)),
            InstallDecision::kWaitServer);
}

TEST(MaintenancePolicy, AttemptNeedsIdleTimeOrTheWindow) {
  const auto policy = policy_with_window();
  const KioskActivity just_free{false, std::chrono::minutes(3)};
  EXPECT_EQ(policy.decide(UpdateHandling::kAttempt, just_free, at(14, 0)), InstallDecision::kWaitIdle);
  EXPECT_EQ(policy.decide(UpdateHandling::kAttempt, just_free, at(23, 30)), InstallDecision::kInstallNow);
  const KioskActivity idle{false, std::chrono::minutes(10)};
  EXPECT_EQ(policy.decide(UpdateHandling::kAttempt, idle, at(14, 0)), InstallDecision::kInstallNow);
}

TEST(MaintenancePolicy, ForcedInstallsAsSoonAsNoSessionIsActive) {
  const auto policy = policy_with_window();
  EXPECT_EQ(policy.decide(UpdateHandling::kForced, KioskActivity{false, std::chrono::seconds(0)}, at(14, 0)),
            InstallDecision::kInstallNow);
}

TEST(MaintenancePolicy, WithoutWindowOnlyIdleTimeCounts) {
  const MaintenancePolicy policy(MaintenanceConfig{std::chrono::minutes(10), std::nullopt});
  EXPECT_EQ(policy.decide(UpdateHandling::kAttempt, KioskActivity{false, std::chrono::minutes(9)}, at(23, 0)),
            InstallDecision::kWaitIdle);
}

}  // namespace
}  // namespace kiosk::fleet
