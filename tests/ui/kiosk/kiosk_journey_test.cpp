// The whole identification journey through the real stack: kiosk-sandbox over
// HTTP, a private pcscd with vpcd and kiosk-vcard, the card's QR replayed as
// camera pictures, and the kiosk binary driven through --automation.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <thread>

#include "drivers/camera/image_file.hpp"
#include "test_images.hpp"
#include "tests/integration/card/private_pcscd.hpp"
#include "tests/ui/kiosk/kiosk_harness.hpp"

extern char** environ;

namespace kiosk::test {
namespace {

// kiosk-sandbox on a free loopback port; stops with the test.
class Sandbox {
 public:
  Sandbox() {
    int out[2];
    if (pipe(out) != 0) {
      throw std::runtime_error("pipe failed");
    }
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, out[1], STDOUT_FILENO);
    posix_spawn_file_actions_addclose(&actions, out[0]);
    const std::string binary = std::string(KIOSK_BINARY_DIR) + "/bin/kiosk-sandbox";
    std::vector<std::string> args{binary, "--host", "127.0.0.1", "--port", "0"};
    std::vector<char*> argv;
    for (auto& arg : args) {
      argv.push_back(arg.data());
    }
    argv.push_back(nullptr);
    const int spawned = posix_spawn(&pid_, binary.c_str(), &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    close(out[1]);
    if (spawned != 0) {
      close(out[0]);
      throw std::runtime_error("cannot start kiosk-sandbox");
    }
    const std::string marker = "kiosk-sandbox listening on ";
    std::string text;
    pollfd fd{out[0], POLLIN, 0};
    while (text.find('\n') == std::string::npos && poll(&fd, 1, 30000) > 0) {
      char buffer[256];
      const ssize_t n = read(out[0], buffer, sizeof buffer);
      if (n <= 0) {
        break;
      }
      text.append(buffer, static_cast<std::size_t>(n));
    }
    close(out[0]);
    const auto at = text.find(marker);
    if (at == std::string::npos) {
      throw std::runtime_error("kiosk-sandbox did not start: " + text);
    }
    url_ = text.substr(at + marker.size(), text.find('\n', at) - at - marker.size());
  }
  ~Sandbox() {
    kill(pid_, SIGTERM);
    int status = 0;
    waitpid(pid_, &status, 0);
  }
  Sandbox(const Sandbox&) = delete;
  Sandbox& operator=(const Sandbox&) = delete;

  [[nodiscard]] const std::string& url() const { return url_; }

 private:
  pid_t pid_ = -1;
  std::string url_;
};

// The QR of the first demo citizen's card as a camera would see it.
std::filesystem::path write_card_qr(const std::filesystem::path& dir, std::string& citizen_id) {
  const auto payloads = qr::testing::demo_payloads(KIOSK_SOURCE_DIR);
  const std::string& payload = payloads.front();
  citizen_id = payload.substr(0, payload.find('|'));
  int size = 0;
  const auto modules = qr::testing::qr_modules(payload, size);
  constexpr int kScale = 6;
  constexpr int kQuiet = 8;
  const int side = (size + 2 * kQuiet) * kScale;
  std::vector<std::uint8_t> pixels(static_cast<std::size_t>(side) * static_cast<std::size_t>(side), 0xff);
  for (int y = 0; y < size; ++y) {
    for (int x = 0; x < size; ++x) {
      if (modules[static_cast<std::size_t>(y * size + x)] == 0) {
        continue;
      }
      for (int dy = 0; dy < kScale; ++dy) {
        for (int dx = 0; dx < kScale; ++dx) {
          const int px = (x + kQuiet) * kScale + dx;
          const int py = (y + kQuiet) * kScale + dy;
          pixels[static_cast<std::size_t>(py * side + px)] = 0;
        }
      }
    }
  }
  std::filesystem::create_directories(dir);
  if (!camera::write_png(dir / "card.png", side, side, 1, pixels)) {
    throw std::runtime_error("cannot write the QR picture");
  }
  return dir;
}

TEST(KioskJourney, CardAndQrOpenTheVaultFromTheSandbox) {
  card::testing::PrivatePcscd pcscd;  // PCSCLITE_CSOCK_NAME reaches the kiosk child
  Sandbox sandbox;
  const auto config_dir = std::filesystem::path(KIOSK_BINARY_DIR) / "tests-ui-journey";
  std::filesystem::remove_all(config_dir);
  std::string citizen_id;
  const auto qr_dir = write_card_qr(config_dir / "camera", citizen_id);
  card::testing::VirtualCardProcess card(pcscd, {"--citizen", citizen_id});

  const std::string csca = std::string(KIOSK_BINARY_DIR) + "/sandbox/vcard/pki/csca";
  VirtualDisplay display;
  KioskProcess kiosk(
      display, write_test_config("journey",
                                 "[api]\nbase_url = \"" + sandbox.url() +
                                     "\"\nbearer_token = \"kiosk-sandbox-dev-token\"\n",
                                 "camera = \"dir:" + qr_dir.string() + "\"\ncsca_dir = \"" + csca + "\"\n"));
  ASSERT_EQ(kiosk.command("wait-screen attract"), "ok") << kiosk.stderr_text();
  ASSERT_TRUE(kiosk.ok("tap start"));
  ASSERT_EQ(kiosk.command("wait-screen consent 60000", 70000), "ok") << kiosk.stderr_text();
  ASSERT_TRUE(kiosk.ok("screenshot " + (artifact_dir() / "journey_consent.png").string()));
  ASSERT_TRUE(kiosk.ok("tap consent_accept"));
  ASSERT_EQ(kiosk.command("wait-screen home"), "ok");
  ASSERT_TRUE(kiosk.ok("tap open_vault"));
  ASSERT_EQ(kiosk.command("screen"), "screen vault");
  // The vault arrives from the sandbox off the UI thread; its rows then show.
  std::string widgets;
  for (int i = 0; i < 300 && widgets.find(" vault.") == std::string::npos; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    widgets = kiosk.command("widgets");
  }
  EXPECT_NE(widgets.find(" vault."), std::string::npos) << widgets << "\n" << kiosk.stderr_text();
  ASSERT_TRUE(kiosk.ok("screenshot " + (artifact_dir() / "journey_vault.png").string()));
  EXPECT_TRUE(kiosk.ok("quit"));
}

}  // namespace
}  // namespace kiosk::test
