#include "tests/ui/kiosk/journey_stack.hpp"

#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdint>
#include <stdexcept>

#include "drivers/camera/image_file.hpp"
#include "test_images.hpp"

extern char** environ;

namespace kiosk::test {

SandboxProcess::SandboxProcess(std::vector<std::string> extra_args) {
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
  args.insert(args.end(), extra_args.begin(), extra_args.end());
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
    kill(pid_, SIGTERM);
    waitpid(pid_, nullptr, 0);
    throw std::runtime_error("kiosk-sandbox did not start: " + text);
  }
  url_ = text.substr(at + marker.size(), text.find('\n', at) - at - marker.size());
}

SandboxProcess::~SandboxProcess() {
  kill(pid_, SIGTERM);
  int status = 0;
  waitpid(pid_, &status, 0);
}

std::filesystem::path write_card_qr(const std::filesystem::path& dir, std::string& citizen_id,
                                    std::size_t citizen) {
  const auto payloads = qr::testing::demo_payloads(KIOSK_SOURCE_DIR);
  const std::string& payload = payloads.at(citizen);
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

}  // namespace kiosk::test
