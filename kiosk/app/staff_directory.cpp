#include "kiosk/app/staff_directory.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>

#include <fstream>
#include <sstream>

#include "kiosk/app/config.hpp"

namespace kiosk::app {
namespace {

bool is_sha256_hex(std::string_view text) {
  return text.size() == 64 && text.find_first_not_of("0123456789abcdef") == std::string_view::npos;
}

}  // namespace

std::string sha256_hex(std::string_view text) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (EVP_Digest(text.data(), text.size(), digest, &length, EVP_sha256(), nullptr) != 1) {
    return {};
  }
  static const char* const kHex = "0123456789abcdef";
  std::string hex;
  for (unsigned int i = 0; i < length; ++i) {
    hex.push_back(kHex[digest[i] >> 4]);
    hex.push_back(kHex[digest[i] & 0x0f]);
  }
  OPENSSL_cleanse(digest, sizeof digest);
  return hex;
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
      throw bad("must be id:name:pin-sha256");
    }
    Member member{line.substr(0, first), line.substr(first + 1, last - first - 1), line.substr(last + 1)};
    if (member.id.empty() || member.name.empty()) {
      throw bad("id and name must not be empty");
    }
    if (!is_sha256_hex(member.pin_sha256)) {
      throw bad("the PIN hash must be 64 lower-case hex digits");
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

std::optional<std::string> StaffDirectory::authenticate(std::string_view id, std::string_view pin) const {
  const std::string hash = sha256_hex(pin);
  for (const auto& member : members_) {
    if (member.id == id && hash.size() == member.pin_sha256.size() &&
        CRYPTO_memcmp(hash.data(), member.pin_sha256.data(), hash.size()) == 0) {
      return member.name;
    }
  }
  return std::nullopt;
}

}  // namespace kiosk::app
