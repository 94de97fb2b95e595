#pragma once

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string_view>

namespace kiosk::app {

// Start-up milestones on stderr when KIOSK_TIMING is set, so a technician can
// see where the time to the first attract frame goes on a given machine.
// Times count from static initialisation, a few hundred microseconds after exec.
class StartupTiming {
 public:
  static void mark(std::string_view milestone) {
    if (!enabled()) {
      return;
    }
    const double ms = std::chrono::duration<double, std::milli>(Clock::now() - origin()).count();
    std::fprintf(stderr, "startup %8.1f ms  %.*s\n", ms, static_cast<int>(milestone.size()),
                 milestone.data());
  }

 private:
  using Clock = std::chrono::steady_clock;
  static bool enabled() {
    static const bool on = std::getenv("KIOSK_TIMING") != nullptr;
    return on;
  }
  static Clock::time_point origin() { return origin_; }
  static inline const Clock::time_point origin_ = Clock::now();
};

}  // namespace kiosk::app
