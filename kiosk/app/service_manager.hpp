#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string_view>

#include <spdlog/logger.h>

namespace kiosk::app {

// The kiosk's side of systemd's service protocol: READY=1 once the first
// screen is drawn, a watchdog the render loop feeds, a one-line status.
// Outside systemd (a developer's shell, the tests) every call does nothing.
class ServiceManager {
 public:
  using Clock = std::chrono::steady_clock;

  ServiceManager();

  // The kiosk runs under cage, so systemd's main PID is the compositor's and
  // WATCHDOG_PID names it; the unit sets NotifyAccess=all and the kiosk feeds
  // the watchdog itself, from the loop that draws.
  [[nodiscard]] std::optional<std::chrono::milliseconds> watchdog_interval() const { return interval_; }

  void ready(std::string_view status);
  void status(std::string_view status);
  void stopping();
  // Sends WATCHDOG=1 when half the watchdog period has passed since the last.
  void feed(Clock::time_point now);

 private:
  bool enabled_ = false;
  std::optional<std::chrono::milliseconds> interval_;
  Clock::time_point last_feed_{};
};

// Journald with priorities when stderr is systemd's journal stream (also
// through cage, which passes it on), stderr otherwise (stdout carries the
// automation channel).
std::shared_ptr<spdlog::logger> make_kiosk_logger();

}  // namespace kiosk::app
