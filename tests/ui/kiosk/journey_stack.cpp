#include "tests/ui/kiosk/journey_stack.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <fstream>
#include <iterator>
#include <stdexcept>

#include <nlohmann/json.hpp>

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

namespace {

// Decodes a chunked HTTP/1.1 body; the sandbox may answer either way.
std::string dechunk(const std::string& body) {
  std::string out;
  std::size_t at = 0;
  while (at < body.size()) {
    const auto line_end = body.find("\r\n", at);
    if (line_end == std::string::npos) {
      break;
    }
    const std::size_t size = std::stoul(body.substr(at, line_end - at), nullptr, 16);
    if (size == 0) {
      break;
    }
    out.append(body, line_end + 2, size);
    at = line_end + 2 + size + 2;
  }
  return out;
}

}  // namespace

SandboxProcess::Answer SandboxProcess::request(const std::string& method, const std::string& path,
                                               const std::string& json_body) const {
  const auto colon = url_.rfind(':');
  const int port = std::stoi(url_.substr(colon + 1));
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) {
    return {};
  }
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<std::uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (connect(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0) {
    close(fd);
    return {};
  }
  std::string text = method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " +
                     kSandboxToken + "\r\nConnection: close\r\n";
  if (!json_body.empty() || method == "PUT" || method == "POST") {
    text += "Content-Type: application/json\r\nContent-Length: " + std::to_string(json_body.size()) + "\r\n";
  }
  text += "\r\n" + json_body;
  for (std::size_t sent = 0; sent < text.size();) {
    const ssize_t n = send(fd, text.data() + sent, text.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) {
      close(fd);
      return {};
    }
    sent += static_cast<std::size_t>(n);
  }
  std::string response;
  pollfd p{fd, POLLIN, 0};
  while (poll(&p, 1, 30000) > 0) {
    char buffer[4096];
    const ssize_t n = read(fd, buffer, sizeof buffer);
    if (n <= 0) {
      break;
    }
    response.append(buffer, static_cast<std::size_t>(n));
  }
  close(fd);
  const auto header_end = response.find("\r\n\r\n");
  if (response.rfind("HTTP/1.", 0) != 0 || header_end == std::string::npos) {
    return {};
  }
  Answer answer;
  answer.status = std::stoi(response.substr(9, 3));
  std::string headers = response.substr(0, header_end);
  std::transform(headers.begin(), headers.end(), headers.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  answer.body = response.substr(header_end + 4);
  if (headers.find("transfer-encoding: chunked") != std::string::npos) {
    answer.body = dechunk(answer.body);
  }
  return answer;
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

DemoCitizen demo_citizen(std::size_t citizen) {
  std::ifstream in(std::string(KIOSK_SOURCE_DIR) + "/sandbox/demo/citizens.json");
  const auto doc = nlohmann::json::parse(in);
  const auto& entry = doc.at("citizens").at(citizen);
  return {entry.at("id").get<std::string>(), entry.at("full_name").get<std::string>()};
}

void write_sane_test_config(const std::filesystem::path& dir) {
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "dll.conf") << "test\n";
  std::ofstream(dir / "test.conf") << "number_of_devices 1\nmode Gray\ndepth 8\ntest-picture \"Grid\"\n";
}

std::vector<std::filesystem::path> files_containing(const std::filesystem::path& dir,
                                                    const std::string& needle) {
  std::vector<std::filesystem::path> found;
  std::error_code error;
  if (!std::filesystem::exists(dir, error)) {
    return found;
  }
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dir, error)) {
    if (!entry.is_regular_file()) {
      continue;
    }
    std::ifstream in(entry.path(), std::ios::binary);
    const std::string bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    if (bytes.find(needle) != std::string::npos) {
      found.push_back(entry.path());
    }
  }
  return found;
}

}  // namespace kiosk::test
