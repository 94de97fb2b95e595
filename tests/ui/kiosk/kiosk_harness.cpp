#include "tests/ui/kiosk/kiosk_harness.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstring>
#include <fstream>
#include <set>
#include <sstream>
#include <stdexcept>
#include <thread>

#include <stb/stb_image.h>

extern char** environ;

namespace kiosk::test {
namespace {

// Mesa's software rasteriser, which draws under Xvfb (Debian's multiarch path).
constexpr const char* kSoftwareRasteriser = "/usr/lib/x86_64-linux-gnu/dri/swrast_dri.so";

bool on_path(const std::string& program) {
  std::istringstream path(std::getenv("PATH") != nullptr ? std::getenv("PATH") : "");
  for (std::string dir; std::getline(path, dir, ':');) {
    if (access((std::filesystem::path(dir) / program).c_str(), X_OK) == 0) {
      return true;
    }
  }
  return false;
}

std::vector<char*> as_argv(std::vector<std::string>& items) {
  std::vector<char*> out;
  for (auto& item : items) {
    out.push_back(item.data());
  }
  out.push_back(nullptr);
  return out;
}

}  // namespace

VirtualDisplay::VirtualDisplay() {
  if (!on_path("Xvfb")) {
    return;
  }
  int fds[2];
  if (pipe(fds) != 0) {
    throw std::runtime_error("pipe failed");
  }
  std::vector<std::string> args = {
      "Xvfb", "-displayfd", std::to_string(fds[1]), "-screen", "0", "1280x800x24", "-nolisten", "tcp"};
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addclose(&actions, fds[0]);
  posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
  auto argv = as_argv(args);
  const int spawned = posix_spawnp(&pid_, "Xvfb", &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  close(fds[1]);
  if (spawned != 0) {
    close(fds[0]);
    pid_ = -1;
    return;
  }
  std::string number;
  pollfd p{fds[0], POLLIN, 0};
  char c = 0;
  while (poll(&p, 1, 20000) > 0 && read(fds[0], &c, 1) == 1 && c != '\n') {
    number.push_back(c);
  }
  close(fds[0]);
  if (number.empty()) {
    kill(pid_, SIGTERM);
    waitpid(pid_, nullptr, 0);
    pid_ = -1;
    return;
  }
  display_ = ":" + number;
}

VirtualDisplay::~VirtualDisplay() {
  if (pid_ > 0) {
    kill(pid_, SIGTERM);
    waitpid(pid_, nullptr, 0);
  }
}

std::vector<std::string> VirtualDisplay::environment() const {
  if (display_.empty()) {
    return {"SDL_VIDEODRIVER=offscreen"};
  }
  // Mesa unloads its software rasteriser when the X display closes at exit,
  // and LeakSanitizer then takes the blocks that the driver's globals still
  // held for leaks of an unknown module, which it can neither name nor
  // suppress. Preloaded, the driver stays mapped and its globals are seen.
  if (std::filesystem::exists(kSoftwareRasteriser)) {
    return {"DISPLAY=" + display_, "LD_PRELOAD=" + std::string(kSoftwareRasteriser)};
  }
  return {"DISPLAY=" + display_};
}

std::filesystem::path artifact_dir() {
  const auto dir = std::filesystem::path(KIOSK_BINARY_DIR) / "tests" / "ui" / "artifacts";
  std::filesystem::create_directories(dir);
  return dir;
}

std::filesystem::path write_test_config(const std::string& name, const std::string& extra_toml,
                                        const std::string& devices_toml) {
  char pattern[] = "/tmp/kiosk-ui-XXXXXX";
  const char* dir = mkdtemp(pattern);
  if (dir == nullptr) {
    throw std::runtime_error("mkdtemp failed");
  }
  const auto file = std::filesystem::path(dir) / (name + ".toml");
  std::ofstream out(file);
  out << "[display]\nfullscreen = false\nwidth = 1280\nheight = 800\ndpi = 96\n\n"
      << "[store]\ndata_dir = \"" << dir << "/data\"\n\n"
      << "[centre]\nagencies = [\"ubnd_nhon_phu\", \"ubnd_quy_nhon\", \"so_tu_phap\", \"vpdk_dat_dai\"]\n\n"
      << "[devices]\nreceipt_dir = \"" << dir << "/receipts\"\n"
      << devices_toml << "\n"
      << extra_toml;
  return file;
}

KioskProcess::KioskProcess(const VirtualDisplay& display, const std::filesystem::path& config,
                           std::vector<std::string> extra_environment) {
  int in[2];
  int out[2];
  if (pipe(in) != 0 || pipe(out) != 0) {
    throw std::runtime_error("pipe failed");
  }
  stderr_file_ = config.parent_path() / "kiosk.stderr";
  std::vector<std::string> env;
  for (char** e = environ; *e != nullptr; ++e) {
    const std::string entry = *e;
    if (entry.rfind("DISPLAY=", 0) != 0 && entry.rfind("SDL_VIDEODRIVER=", 0) != 0) {
      env.push_back(entry);
    }
  }
  for (const auto& entry : display.environment()) {
    env.push_back(entry);
  }
  for (auto& entry : extra_environment) {
    env.push_back(std::move(entry));
  }
  const std::string binary = std::string(KIOSK_BINARY_DIR) + "/bin/kiosk";
  std::vector<std::string> args = {binary, "--config", config.string(), "--automation"};
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, in[0], 0);
  posix_spawn_file_actions_adddup2(&actions, out[1], 1);
  posix_spawn_file_actions_addopen(&actions, 2, stderr_file_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  posix_spawn_file_actions_addclose(&actions, in[1]);
  posix_spawn_file_actions_addclose(&actions, out[0]);
  auto argv = as_argv(args);
  auto envp = as_argv(env);
  const int spawned = posix_spawn(&pid_, binary.c_str(), &actions, nullptr, argv.data(), envp.data());
  posix_spawn_file_actions_destroy(&actions);
  close(in[0]);
  close(out[1]);
  to_kiosk_ = in[1];
  from_kiosk_ = out[0];
  if (spawned != 0) {
    throw std::runtime_error("cannot start " + binary);
  }
}

KioskProcess::~KioskProcess() {
  if (to_kiosk_ >= 0) {
    close(to_kiosk_);
  }
  if (from_kiosk_ >= 0) {
    close(from_kiosk_);
  }
  if (pid_ > 0) {
    int status = 0;
    // Closing stdin makes the kiosk quit; give it a moment, then insist.
    for (int i = 0; i < 100 && waitpid(pid_, &status, WNOHANG) == 0; ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
      if (i == 99) {
        kill(pid_, SIGKILL);
        waitpid(pid_, &status, 0);
      }
    }
  }
}

std::string KioskProcess::command(const std::string& line, int timeout_ms) {
  const std::string text = line + "\n";
  if (write(to_kiosk_, text.data(), text.size()) != static_cast<ssize_t>(text.size())) {
    return "error kiosk is gone";
  }
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  for (;;) {
    const auto newline = buffer_.find('\n');
    if (newline != std::string::npos) {
      std::string answer = buffer_.substr(0, newline);
      buffer_.erase(0, newline + 1);
      return answer;
    }
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) {
      return "error no answer to: " + line;
    }
    pollfd p{from_kiosk_, POLLIN, 0};
    if (poll(&p, 1, static_cast<int>(left.count())) <= 0) {
      continue;
    }
    char chunk[4096];
    const ssize_t n = read(from_kiosk_, chunk, sizeof chunk);
    if (n <= 0) {
      return "error kiosk exited: " + stderr_text();
    }
    buffer_.append(chunk, static_cast<std::size_t>(n));
  }
}

bool KioskProcess::ok(const std::string& line, int timeout_ms) {
  return command(line, timeout_ms).rfind("ok", 0) == 0;
}

int KioskProcess::wait_exit() {
  int status = 0;
  waitpid(pid_, &status, 0);
  pid_ = -1;
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

std::string KioskProcess::stderr_text() const {
  std::ifstream in(stderr_file_);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::optional<Picture> load_png(const std::filesystem::path& file) {
  int w = 0;
  int h = 0;
  int channels = 0;
  unsigned char* data = stbi_load(file.c_str(), &w, &h, &channels, 4);
  if (data == nullptr) {
    return std::nullopt;
  }
  Picture picture{
      w, h,
      std::vector<unsigned char>(data, data + static_cast<std::size_t>(w) * static_cast<std::size_t>(h) * 4)};
  stbi_image_free(data);
  return picture;
}

double difference(const Picture& a, const Picture& b) {
  if (a.width != b.width || a.height != b.height) {
    return 1.0;
  }
  std::size_t differing = 0;
  for (std::size_t i = 0; i + 3 < a.rgba.size(); i += 4) {
    if (std::memcmp(&a.rgba[i], &b.rgba[i], 3) != 0) {
      ++differing;
    }
  }
  return static_cast<double>(differing) / static_cast<double>(a.rgba.size() / 4);
}

std::size_t colour_count(const Picture& picture) {
  std::set<std::uint32_t> colours;
  for (std::size_t i = 0; i + 3 < picture.rgba.size(); i += 4) {
    colours.insert(static_cast<std::uint32_t>(picture.rgba[i]) << 16 |
                   static_cast<std::uint32_t>(picture.rgba[i + 1]) << 8 | picture.rgba[i + 2]);
  }
  return colours.size();
}

bool memory_contains(int pid, const std::string& needle) {
  std::ifstream maps("/proc/" + std::to_string(pid) + "/maps");
  const int mem = open(("/proc/" + std::to_string(pid) + "/mem").c_str(), O_RDONLY);
  if (!maps || mem < 0 || needle.empty()) {
    throw std::runtime_error("cannot read the memory of process " + std::to_string(pid));
  }
  bool found = false;
  std::vector<char> chunk;
  for (std::string line; !found && std::getline(maps, line);) {
    unsigned long long start = 0;
    unsigned long long end = 0;
    char perms[5] = {};
    if (std::sscanf(line.c_str(), "%llx-%llx %4s", &start, &end, perms) != 3 || perms[0] != 'r') {
      continue;
    }
    // Skip mapped files other than the heap, stack and anonymous memory.
    // Only the heap, stacks and anonymous memory; sanitizer shadow regions
    // (terabytes of reserved, mostly unbacked space) are skipped by size.
    const bool anonymous = line.find('/') == std::string::npos;
    if (!anonymous || end - start > (1ull << 32)) {
      continue;
    }
    constexpr unsigned long long kStep = 1 << 20;
    for (unsigned long long at = start; !found && at < end; at += kStep) {
      const unsigned long long size = std::min(kStep + needle.size(), end - at);
      chunk.resize(size);
      const ssize_t n = pread(mem, chunk.data(), size, static_cast<off_t>(at));
      if (n <= 0) {
        break;
      }
      found =
          std::search(chunk.begin(), chunk.begin() + n, needle.begin(), needle.end()) != chunk.begin() + n;
    }
  }
  close(mem);
  return found;
}

bool memory_contains_between_deliveries(KioskProcess& kiosk, const std::string& needle) {
  for (int attempt = 0; attempt < 100; ++attempt) {
    const std::string before = kiosk.command("sender");
    if (before.rfind("sender idle ", 0) != 0) {
      std::this_thread::sleep_for(std::chrono::milliseconds(200));
      continue;
    }
    const bool found = memory_contains(kiosk.pid(), needle);
    if (kiosk.command("sender") == before) {
      return found;
    }
  }
  throw std::runtime_error("a delivery attempt overlapped every memory scan");
}

}  // namespace kiosk::test
