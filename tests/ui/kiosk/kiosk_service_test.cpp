// The kiosk's side of systemd's service protocol, seen from a stand-in
// notification socket: READY=1 once a screen is drawn, WATCHDOG=1 from the
// render loop (and none while the kiosk is frozen), and the out-of-service
// notice when what keeps applications safe cannot be opened.
#include <gtest/gtest.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "tests/ui/kiosk/kiosk_harness.hpp"

namespace kiosk::test {
namespace {

namespace fs = std::filesystem;

// A datagram socket in the role of systemd's NOTIFY_SOCKET.
class NotifySocket {
 public:
  NotifySocket() {
    char pattern[] = "/tmp/kiosk-notify-XXXXXX";
    dir_ = mkdtemp(pattern);
    path_ = dir_ / "notify";
    fd_ = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    std::snprintf(address.sun_path, sizeof address.sun_path, "%s", path_.c_str());
    if (bind(fd_, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0) {
      throw std::runtime_error("cannot bind the notification socket");
    }
  }
  ~NotifySocket() {
    close(fd_);
    fs::remove_all(dir_);
  }
  NotifySocket(const NotifySocket&) = delete;
  NotifySocket& operator=(const NotifySocket&) = delete;

  [[nodiscard]] const fs::path& path() const { return path_; }

  // The next message, or nothing after `timeout_ms`.
  std::optional<std::string> receive(int timeout_ms) {
    pollfd p{fd_, POLLIN, 0};
    if (poll(&p, 1, timeout_ms) <= 0) {
      return std::nullopt;
    }
    char buffer[4096];
    const ssize_t n = recv(fd_, buffer, sizeof buffer, 0);
    return n < 0 ? std::nullopt : std::optional(std::string(buffer, static_cast<std::size_t>(n)));
  }

  // Waits (generously) for a message containing `needle`.
  std::optional<std::string> wait_for(const std::string& needle, int timeout_ms = 60000) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
    while (std::chrono::steady_clock::now() < deadline) {
      if (auto message = receive(500); message && message->find(needle) != std::string::npos) {
        return message;
      }
    }
    return std::nullopt;
  }

 private:
  fs::path dir_;
  fs::path path_;
  int fd_ = -1;
};

TEST(KioskService, ReadyOnceDrawnThenTheRenderLoopFeedsTheWatchdog) {
  VirtualDisplay display;
  NotifySocket notify;
  KioskProcess kiosk(display, write_test_config("service"),
                     {"NOTIFY_SOCKET=" + notify.path().string(), "WATCHDOG_USEC=2000000"});
  const auto ready = notify.wait_for("READY=1");
  ASSERT_TRUE(ready) << kiosk.stderr_text();
  EXPECT_NE(ready->find("STATUS=taking applications"), std::string::npos) << *ready;
  EXPECT_EQ(kiosk.command("screen"), "screen attract");
  // An idle kiosk draws nothing, yet its loop still wakes to feed the watchdog.
  for (int i = 0; i < 3; ++i) {
    ASSERT_TRUE(notify.wait_for("WATCHDOG=1")) << "watchdog feed " << i;
  }

  // A frozen kiosk feeds nothing, so systemd's watchdog fires.
  ASSERT_EQ(kill(kiosk.pid(), SIGSTOP), 0);
  while (notify.receive(200)) {
  }
  EXPECT_FALSE(notify.receive(3000)) << "a stopped kiosk cannot feed the watchdog";
  ASSERT_EQ(kill(kiosk.pid(), SIGCONT), 0);
  EXPECT_TRUE(notify.wait_for("WATCHDOG=1"));

  ASSERT_TRUE(kiosk.ok("quit"));
  EXPECT_TRUE(notify.wait_for("STOPPING=1"));
  EXPECT_EQ(kiosk.wait_exit(), 0) << kiosk.stderr_text();
}

TEST(KioskService, MissingTrustAnchorsAndAuditLogTakeNoApplication) {
  VirtualDisplay display;
  NotifySocket notify;
  const auto config =
      write_test_config("out_of_service", "[api]\ndocument_trust = \"/nonexistent/trust.pem\"\n");
  // The audit log's folder is a plain file: the store cannot open.
  std::ofstream(config.parent_path() / "data") << "not a folder";
  KioskProcess kiosk(display, config, {"NOTIFY_SOCKET=" + notify.path().string()});
  ASSERT_TRUE(kiosk.ok("wait-screen out_of_service 60000")) << kiosk.stderr_text();
  const auto status = notify.wait_for("STATUS=out of service");
  ASSERT_TRUE(status) << kiosk.stderr_text();
  EXPECT_NE(status->find("audit log"), std::string::npos) << *status;
  EXPECT_NE(status->find("document trust anchors"), std::string::npos) << *status;
  const std::string log = kiosk.stderr_text();
  EXPECT_NE(log.find("out of service: cannot open audit log"), std::string::npos) << log;
  // The notice offers no way into a journey.
  EXPECT_EQ(kiosk.command("tap start").rfind("error no widget", 0), 0u);
  EXPECT_EQ(kiosk.command("tap lookup").rfind("error no widget", 0), 0u);
  EXPECT_EQ(kiosk.command("screen"), "screen out_of_service");
  ASSERT_TRUE(kiosk.ok("screenshot " + (artifact_dir() / "out_of_service.png").string()));
  ASSERT_TRUE(kiosk.ok("quit"));
  EXPECT_EQ(kiosk.wait_exit(), 0) << kiosk.stderr_text();
}

}  // namespace
}  // namespace kiosk::test
