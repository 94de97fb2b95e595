#include "kiosk/app/service_manager.hpp"

#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/sinks/systemd_sink.h>
#include <systemd/sd-daemon.h>

#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <string>

namespace kiosk::app {
namespace {

// systemd's documented test: JOURNAL_STREAM names the device and inode of
// the journal stream, and stderr is still that stream (not redirected).
bool stderr_is_journal() {
  const char* stream = std::getenv("JOURNAL_STREAM");
  struct stat st {};
  if (stream == nullptr || fstat(STDERR_FILENO, &st) != 0) {
    return false;
  }
  unsigned long long device = 0;
  unsigned long long inode = 0;
  if (std::sscanf(stream, "%llu:%llu", &device, &inode) != 2) {
    return false;
  }
  return device == st.st_dev && inode == st.st_ino;
}

}  // namespace

ServiceManager::ServiceManager() : enabled_(std::getenv("NOTIFY_SOCKET") != nullptr) {
  if (const char* usec = std::getenv("WATCHDOG_USEC"); enabled_ && usec != nullptr) {
    const long long value = std::strtoll(usec, nullptr, 10);
    if (value > 0) {
      interval_ = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::microseconds(value));
    }
  }
}

void ServiceManager::ready(std::string_view status) {
  if (enabled_) {
    sd_notify(0, ("READY=1\nSTATUS=" + std::string(status)).c_str());
  }
}

void ServiceManager::status(std::string_view status) {
  if (enabled_) {
    sd_notify(0, ("STATUS=" + std::string(status)).c_str());
  }
}

void ServiceManager::stopping() {
  if (enabled_) {
    sd_notify(0, "STOPPING=1");
  }
}

void ServiceManager::feed(Clock::time_point now) {
  if (!interval_ || now - last_feed_ < *interval_ / 2) {
    return;
  }
  last_feed_ = now;
  sd_notify(0, "WATCHDOG=1");
}

std::shared_ptr<spdlog::logger> make_kiosk_logger() {
  if (stderr_is_journal()) {
    return std::make_shared<spdlog::logger>("kiosk",
                                            std::make_shared<spdlog::sinks::systemd_sink_mt>("kiosk"));
  }
  return spdlog::stderr_color_mt("kiosk");
}

}  // namespace kiosk::app
