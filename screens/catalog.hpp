#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "kiosk/core/language.hpp"

namespace kiosk::ui {

// The two message catalogs (assets/i18n/vi.json and en.json). Every text the
// kiosk shows comes from here; both catalogs must have the same keys.
class Catalog {
 public:
  // Throws std::runtime_error naming the file and key when a catalog is
  // missing, malformed, or lacks a key the other has.
  static Catalog load(const std::filesystem::path& directory);
  static Catalog from_json(std::string_view vietnamese, std::string_view english);

  // The text for `key`; a missing key shows as the key itself so that it is
  // noticed on screen rather than hidden.
  [[nodiscard]] const std::string& text(Language language, std::string_view key) const;
  [[nodiscard]] bool has(std::string_view key) const;
  // Replaces {name} placeholders.
  [[nodiscard]] std::string format(Language language, std::string_view key,
                                   const std::vector<std::pair<std::string, std::string>>& values) const;
  [[nodiscard]] std::vector<std::string> keys() const;

 private:
  std::map<std::string, std::string, std::less<>> vietnamese_;
  std::map<std::string, std::string, std::less<>> english_;
  mutable std::map<std::string, std::string, std::less<>> missing_;
};

}  // namespace kiosk::ui
