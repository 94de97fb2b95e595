#include "kiosk/app/staff_directory.hpp"

#include <crypt.h>
#include <openssl/crypto.h>

#include <cstring>
#include <fstream>
#include <memory>
#include <sstream>

#include "kiosk/app/config.hpp"

namespace kiosk::app {
namespace {

// crypt(3) output: "$y$" then parameters, salt and hash in its base-64 alphabet.
bool is_yescrypt_hash(std::string_view text) {
  return text.size() > 8 && text.size() < CRYPT_OUTPUT_SIZE && text.rfind("$y$", 0) == 0 &&
         text.find_first_not_of("$./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz") ==
             std::string_view::npos;
}

}  // namespace

std::string hash_pin(std::string_view pin) {
  char salt[CRYPT_GENSALT_OUTPUT_SIZE];
  // Default cost; the random bytes come from libcrypt (getrandom).
  if (crypt_gensalt_rn("$y$", 0, nullptr, 0, salt, sizeof salt) == nullptr) {
    return {};
  }
  const std::string text(pin);
  auto data = std::make_unique<crypt_data>();
  const char* hashed = crypt_r(text.c_str(), salt, data.get());
  std::string out = hashed != nullptr && hashed[0] == '$' ? hashed : "";
  OPENSSL_cleanse(data.get(), sizeof(crypt_data));
  return out;
}

bool pin_matches(std::string_view pin, const std::string& stored) {
  const std::string text(pin);
  auto data = std::make_unique<crypt_data>();
  const char* hashed = crypt_r(text.c_str(), stored.c_str(), data.get());
  const bool match = hashed != nullptr && std::strlen(hashed) == stored.size() &&
                     CRYPTO_memcmp(hashed, stored.data(), stored.size()) == 0;
  OPENSSL_cleanse(data.get(), sizeof(crypt_data));
  return match;
}

std::string staff_line(const std::string& id, const std::string& name, std::string_view pin) {
  const std::string hash = hash_pin(pin);
  return hash.empty() ? std::string() : id + ":" + name + ":" + hash;
}

StaffDirectory::StaffDirectory(StaffDirectory&& other) noexcept
    : members_(std::move(other.members_)), limits_(other.limits_), failures_(std::move(other.failures_)) {}

StaffDirectory& StaffDirectory::operator=(StaffDirectory&& other) noexcept {
  members_ = std::move(other.members_);
  limits_ = other.limits_;
  failures_ = std::move(other.failures_);
  return *this;
}

StaffDirectory StaffDirectory::parse(std::string_view text, const std::string& key) {
  std::vector<Member> members;
  std::istringstream lines{std::string(text)};
  int number = 0;
  for (std::string line; std::getline(lines, line);) {
    ++number;
    if (!line.empty() && line.back() == '\r') {
      line.pop_back();
    }
    if (line.empty() || line.front() == '#') {
      continue;
    }
    const auto first = line.find(':');
    const auto last = line.rfind(':');
    const auto bad = [&](const std::string& problem) {
      return ConfigError(key, "line " + std::to_string(number) + ": " + problem);
    };
    if (first == std::string::npos || first == last) {
      throw bad("must be id:name:pin-hash");
    }
    Member member{line.substr(0, first), line.substr(first + 1, last - first - 1), line.substr(last + 1)};
    if (member.id.empty() || member.name.empty()) {
      throw bad("id and name must not be empty");
    }
    if (!is_yescrypt_hash(member.pin_hash)) {
      throw bad("the PIN hash must be a yescrypt hash ($y$…): write the line with kiosk-staff add");
    }
    members.push_back(std::move(member));
  }
  return StaffDirectory(std::move(members));
}

StaffDirectory StaffDirectory::load(const std::filesystem::path& file, const std::string& key) {
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    throw ConfigError(key, "cannot read " + file.string());
  }
  std::ostringstream text;
  text << in.rdbuf();
  return parse(text.str(), key);
}

StaffDirectory::Outcome StaffDirectory::authenticate(std::string_view id, std::string_view pin,
                                                     Clock::time_point now) {
  std::lock_guard lock(mutex_);
  // Unknown IDs count too, so that trying IDs is as slow as trying PINs.
  Failures& failures = failures_[std::string(id)];
  if (failures.locked_until) {
    if (now < *failures.locked_until) {
      return LockedOut{std::chrono::ceil<std::chrono::seconds>(*failures.locked_until - now)};
    }
    failures = {};
  }
  for (const auto& member : members_) {
    if (member.id == id && pin_matches(pin, member.pin_hash)) {
      failures = {};
      return Granted{member.name};
    }
  }
  if (++failures.count >= limits_.max_failures) {
    failures.locked_until = now + limits_.lock_for;
  }
  return Refused{};
}

std::optional<std::string> StaffDirectory::member_name(std::string_view id) const {
  for (const auto& member : members_) {
    if (member.id == id) {
      return member.name;
    }
  }
  return std::nullopt;
}

}  // namespace kiosk::app
