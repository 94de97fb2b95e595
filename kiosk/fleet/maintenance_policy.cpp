#include "kiosk/fleet/maintenance_policy.hpp"

namespace kiosk::fleet {

bool DailyWindow::contains(std::chrono::minutes minute_of_day) const {
  if (from == to) {
    return true;
  }
  if (from < to) {
    return minute_of_day >= from && minute_of_day < to;
  }
  return minute_of_day >= from || minute_of_day < to;
}

InstallDecision MaintenancePolicy::decide(UpdateHandling update, const KioskActivity& activity,
                                          std::chrono::minutes local_minute_of_day) const {
  if (update == UpdateHandling::kSkip) {
    return InstallDecision::kWaitServer;
  }
  if (activity.session_active) {
    return InstallDecision::kWaitSession;
  }
  if (update == UpdateHandling::kForced) {
    return InstallDecision::kInstallNow;
  }
  if (activity.idle_for >= config_.idle_required ||
      (config_.window && config_.window->contains(local_minute_of_day))) {
    return InstallDecision::kInstallNow;
  }
  return InstallDecision::kWaitIdle;
}

}  // namespace kiosk::fleet
