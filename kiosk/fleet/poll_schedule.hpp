#pragma once

#include <chrono>
#include <optional>
#include <string_view>

namespace kiosk::fleet {

// "HH:MM:SS" of config.polling.sleep; nullopt when malformed.
std::optional<std::chrono::seconds> parse_polling_sleep(std::string_view text);

// When to poll the controller base again after an answer (0: transport
// failure), following what hawkBit's DDI documents for each status.
class PollSchedule {
 public:
  explicit PollSchedule(std::chrono::seconds default_sleep) : sleep_(default_sleep) {}

  std::chrono::seconds after(long status, std::optional<std::chrono::seconds> server_sleep,
                             std::optional<std::chrono::seconds> retry_after);
  [[nodiscard]] std::chrono::seconds sleep() const { return sleep_; }

 private:
  std::chrono::seconds sleep_;
  int failures_ = 0;
};

}  // namespace kiosk::fleet
