#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kiosk::app {

// The staff who may confirm a citizen's identity at this kiosk, from a file
// of `id:name:pin-sha256` lines (hex SHA-256 of the PIN; `#` starts a
// comment). The PIN itself is never stored.
class StaffDirectory {
 public:
  struct Member {
    std::string id;
    std::string name;
    std::string pin_sha256;  // 64 lower-case hex digits
  };

  StaffDirectory() = default;
  explicit StaffDirectory(std::vector<Member> members) : members_(std::move(members)) {}

  // Throws ConfigError naming `key` and the line for a malformed file.
  static StaffDirectory load(const std::filesystem::path& file, const std::string& key);
  static StaffDirectory parse(std::string_view text, const std::string& key);

  // The member's name when the id is known and the PIN matches.
  [[nodiscard]] std::optional<std::string> authenticate(std::string_view id, std::string_view pin) const;
  [[nodiscard]] bool empty() const { return members_.empty(); }

 private:
  std::vector<Member> members_;
};

std::string sha256_hex(std::string_view text);

}  // namespace kiosk::app
