#pragma once

#include <chrono>
#include <filesystem>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace kiosk::app {

// Guessing a 4-6 digit PIN by hand at the kiosk must stay hopeless: after
// `max_failures` wrong PINs for one ID, that ID is refused for `lock_for`.
struct StaffLimits {
  int max_failures = 5;
  std::chrono::seconds lock_for{15 * 60};
};

// The staff who may sign in at this kiosk, from a file of `id:name:hash`
// lines, `#` starting a comment. The hash is a yescrypt one ("$y$…", from
// libcrypt, salted and deliberately slow) of the staff member's PIN, written
// by `kiosk-staff add`; the PIN itself is never stored.
class StaffDirectory {
 public:
  struct Member {
    std::string id;
    std::string name;
    std::string pin_hash;  // $y$…
  };

  using Limits = StaffLimits;
  struct Granted {
    std::string name;
  };
  struct Refused {};
  struct LockedOut {
    std::chrono::seconds left{};
  };
  using Outcome = std::variant<Granted, Refused, LockedOut>;
  using Clock = std::chrono::steady_clock;

  StaffDirectory() = default;
  explicit StaffDirectory(std::vector<Member> members, Limits limits = {})
      : members_(std::move(members)), limits_(limits) {}
  StaffDirectory(StaffDirectory&& other) noexcept;
  StaffDirectory& operator=(StaffDirectory&& other) noexcept;

  // Throws ConfigError naming `key` and the line for a malformed file.
  static StaffDirectory load(const std::filesystem::path& file, const std::string& key);
  static StaffDirectory parse(std::string_view text, const std::string& key);

  // Checks the PIN of `id`, counting failures; thread-safe.
  Outcome authenticate(std::string_view id, std::string_view pin, Clock::time_point now);
  // The member whose ID card this is, for sign-in with a verified chip.
  [[nodiscard]] std::optional<std::string> member_name(std::string_view id) const;
  [[nodiscard]] bool empty() const { return members_.empty(); }

 private:
  struct Failures {
    int count = 0;
    std::optional<Clock::time_point> locked_until;
  };

  std::vector<Member> members_;
  Limits limits_;
  std::mutex mutex_;
  std::map<std::string, Failures, std::less<>> failures_;
};

// A new yescrypt hash of `pin` with a fresh random salt; empty on failure.
std::string hash_pin(std::string_view pin);
// True when `pin` matches the crypt(3) hash `stored`.
bool pin_matches(std::string_view pin, const std::string& stored);
// One line of the staff file, "id:name:hash".
std::string staff_line(const std::string& id, const std::string& name, std::string_view pin);

}  // namespace kiosk::app
