#pragma once

#include <sys/types.h>

#include <filesystem>
#include <string>
#include <vector>

namespace kiosk::test {

// kiosk-sandbox on a free loopback port; stops with the test. `extra_args`
// reach its command line (fault modes, data directory).
class SandboxProcess {
 public:
  explicit SandboxProcess(std::vector<std::string> extra_args = {});
  ~SandboxProcess();
  SandboxProcess(const SandboxProcess&) = delete;
  SandboxProcess& operator=(const SandboxProcess&) = delete;

  [[nodiscard]] const std::string& url() const { return url_; }
  [[nodiscard]] pid_t pid() const { return pid_; }

 private:
  pid_t pid_ = -1;
  std::string url_;
};

// The bearer token every test sandbox accepts.
inline constexpr const char* kSandboxToken = "kiosk-sandbox-dev-token";

// The QR of demo citizen number `citizen` (0-based) as a camera would see it,
// written as card.png into `dir`; `citizen_id` receives the card's ID number.
std::filesystem::path write_card_qr(const std::filesystem::path& dir, std::string& citizen_id,
                                    std::size_t citizen = 0);

}  // namespace kiosk::test
