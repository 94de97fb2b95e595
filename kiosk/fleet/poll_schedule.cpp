#include "kiosk/fleet/poll_schedule.hpp"

#include <algorithm>

namespace kiosk::fleet {

namespace {
// A target that is not known or not authenticated is a provisioning problem
// no quick retry fixes; asking every few minutes keeps the server quiet.
constexpr std::chrono::seconds kMisconfiguredRetry{15 * 60};
constexpr std::chrono::seconds kFirstBackoff{30};

int digits(std::string_view text) {
  int value = 0;
  for (const char c : text) {
    if (c < '0' || c > '9') {
      return -1;
    }
    value = value * 10 + (c - '0');
  }
  return value;
}
}  // namespace

std::optional<std::chrono::seconds> parse_polling_sleep(std::string_view text) {
  if (text.size() != 8 || text[2] != ':' || text[5] != ':') {
    return std::nullopt;
  }
  const int h = digits(text.substr(0, 2));
  const int m = digits(text.substr(3, 2));
  const int s = digits(text.substr(6, 2));
  if (h < 0 || m < 0 || s < 0 || m > 59 || s > 59) {
    return std::nullopt;
  }
  return std::chrono::seconds(h * 3600 + m * 60 + s);
}

std::chrono::seconds PollSchedule::after(long status, std::optional<std::chrono::seconds> server_sleep,
                                         std::optional<std::chrono::seconds> retry_after) {
  if (status >= 200 && status < 300) {
    failures_ = 0;
    if (server_sleep) {
      sleep_ = *server_sleep;
    }
    return sleep_;
  }
  if (status == 401 || status == 403 || status == 404) {
    return std::max(sleep_, kMisconfiguredRetry);
  }
  ++failures_;
  if (status == 429) {
    // hawkBit: "the client has to wait another second"; a Retry-After the
    // server gives wins, and repeated refusals back off further.
    const std::chrono::seconds backoff(std::chrono::seconds::rep{1} << std::min(failures_ - 1, 10));
    return std::min(std::max(retry_after.value_or(std::chrono::seconds(1)), backoff),
                    std::max(sleep_, retry_after.value_or(std::chrono::seconds(1))));
  }
  // 5xx and transport failures: exponential backoff, never slower than the
  // server's own polling interval.
  const std::chrono::seconds backoff(kFirstBackoff.count() << std::min(failures_ - 1, 10));
  return std::min(std::max(backoff, retry_after.value_or(std::chrono::seconds(0))),
                  std::max(sleep_, kFirstBackoff));
}

}  // namespace kiosk::fleet
