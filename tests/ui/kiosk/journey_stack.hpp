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

  struct Answer {
    int status = 0;  // 0 when the sandbox could not be reached
    std::string body;
  };
  // One HTTP request over loopback with the test bearer token, e.g.
  // request("GET", "/v1/citizens/052090000495/dossiers") or
  // request("PUT", "/_sandbox/faults", R"({"faults":[...]})").
  [[nodiscard]] Answer request(const std::string& method, const std::string& path,
                               const std::string& json_body = {}) const;

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

// Demo citizen number `citizen` (0-based) of sandbox/demo/citizens.json.
struct DemoCitizen {
  std::string id;
  std::string full_name;
};
DemoCitizen demo_citizen(std::size_t citizen);

// A private SANE configuration in `dir` that enables only the `test`
// backend (device "test:0", one grey 8-bit grid page); point the kiosk's
// SANE_CONFIG_DIR at `dir`.
void write_sane_test_config(const std::filesystem::path& dir);

// Regular files under `dir` (recursively) whose bytes contain `needle`.
std::vector<std::filesystem::path> files_containing(const std::filesystem::path& dir,
                                                    const std::string& needle);

}  // namespace kiosk::test
