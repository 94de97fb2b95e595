#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace kiosk::test {

// An X server of its own for one test: Xvfb picks a free display number
// (-displayfd), so parallel tests never collide. When Xvfb is missing the
// kiosk runs with SDL's offscreen video driver instead.
class VirtualDisplay {
 public:
  VirtualDisplay();
  ~VirtualDisplay();
  VirtualDisplay(const VirtualDisplay&) = delete;
  VirtualDisplay& operator=(const VirtualDisplay&) = delete;

  // Environment entries for the kiosk (DISPLAY=:N or SDL_VIDEODRIVER=offscreen).
  [[nodiscard]] std::vector<std::string> environment() const;

 private:
  int pid_ = -1;
  std::string display_;
};

// The real kiosk binary driven through its --automation channel.
class KioskProcess {
 public:
  KioskProcess(const VirtualDisplay& display, const std::filesystem::path& config,
               std::vector<std::string> extra_environment = {});
  ~KioskProcess();
  KioskProcess(const KioskProcess&) = delete;
  KioskProcess& operator=(const KioskProcess&) = delete;

  // Sends one command and returns its one-line answer ("ok ...", "error ...").
  std::string command(const std::string& line, int timeout_ms = 30000);
  bool ok(const std::string& line, int timeout_ms = 30000);
  [[nodiscard]] int pid() const { return pid_; }
  // Waits for the process to exit; its exit status.
  int wait_exit();
  [[nodiscard]] std::string stderr_text() const;

 private:
  int pid_ = -1;
  int to_kiosk_ = -1;
  int from_kiosk_ = -1;
  std::filesystem::path stderr_file_;
  std::string buffer_;
};

// Where a test's screenshots and logs are kept (under the build tree).
std::filesystem::path artifact_dir();
// A kiosk.toml for tests in a fresh temporary directory.
// `devices_toml` goes into its [devices] table.
std::filesystem::path write_test_config(const std::string& name, const std::string& extra_toml = {},
                                        const std::string& devices_toml = {});

struct Picture {
  int width = 0;
  int height = 0;
  std::vector<unsigned char> rgba;
};
std::optional<Picture> load_png(const std::filesystem::path& file);
// Share of pixels (0..1) that differ between two same-sized pictures.
double difference(const Picture& a, const Picture& b);
// How many distinct colours appear (a blank frame has one).
std::size_t colour_count(const Picture& picture);

// Whether the process's readable memory contains `needle` anywhere.
bool memory_contains(int pid, const std::string& needle);

// The same between two delivery attempts. A queued application is decrypted
// while the kiosk tries to deliver it, and only then; a scan counts only if no
// attempt was under way as it began and none had started by its end.
bool memory_contains_between_deliveries(KioskProcess& kiosk, const std::string& needle);

}  // namespace kiosk::test
