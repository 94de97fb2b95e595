#pragma once

#include <chrono>
#include <optional>

namespace kiosk::fleet {

// deployment.update of a DDI deploymentBase.
enum class UpdateHandling { kSkip, kAttempt, kForced };

// A daily local-time window such as 22:00–05:00; it may wrap midnight.
struct DailyWindow {
  std::chrono::minutes from{22 * 60};
  std::chrono::minutes to{5 * 60};
  [[nodiscard]] bool contains(std::chrono::minutes minute_of_day) const;
};

struct KioskActivity {
  bool session_active = false;
  std::chrono::seconds idle_for{0};  // since the last session ended or the screen was touched
};

struct MaintenanceConfig {
  std::chrono::seconds idle_required{std::chrono::minutes(10)};
  std::optional<DailyWindow> window;
};

enum class InstallDecision {
  kInstallNow,
  kWaitServer,   // update "skip": download only, the server's window is closed
  kWaitSession,  // a citizen is using the kiosk
  kWaitIdle,     // free, but not idle long enough and outside the window
};

// When an update may be installed and the kiosk rebooted. Never during a
// session, whatever the server says; "forced" only skips the wait for idle
// time or the window.
class MaintenancePolicy {
 public:
  explicit MaintenancePolicy(MaintenanceConfig config) : config_(config) {}
  [[nodiscard]] InstallDecision decide(UpdateHandling update, const KioskActivity& activity,
                                       std::chrono::minutes local_minute_of_day) const;

 private:
  MaintenanceConfig config_;
};

}  // namespace kiosk::fleet
