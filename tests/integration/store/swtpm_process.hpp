#pragma once

#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

extern char** environ;

namespace kiosk::test {

// A software TPM 2.0 (swtpm) serving on a unix socket in `dir`, its state
// (owner seed included) kept in `dir`/state: a restart on the same dir is
// the same TPM, another dir is another TPM.
class SwtpmProcess {
 public:
  explicit SwtpmProcess(const std::filesystem::path& dir) : dir_(dir) {
    std::filesystem::create_directories(dir_ / "state");
    std::filesystem::remove(socket());
    const std::string state = "dir=" + (dir_ / "state").string();
    const std::string server = "type=unixio,path=" + socket();
    // The swtpm TCTI finds the control channel at the data socket path + ".ctrl".
    const std::string ctrl = "type=unixio,path=" + socket() + ".ctrl";
    std::vector<std::string> args{"swtpm",
                                  "socket",
                                  "--tpm2",
                                  "--tpmstate",
                                  state,
                                  "--server",
                                  server,
                                  "--ctrl",
                                  ctrl,
                                  "--flags",
                                  "not-need-init,startup-clear"};
    std::vector<char*> argv;
    for (auto& arg : args) {
      argv.push_back(arg.data());
    }
    argv.push_back(nullptr);
    if (posix_spawnp(&pid_, "swtpm", nullptr, nullptr, argv.data(), environ) != 0) {
      throw std::runtime_error("swtpm cannot start (apt-get install swtpm)");
    }
    for (int i = 0; i < 500 && !std::filesystem::exists(socket()); ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    if (!std::filesystem::exists(socket())) {
      stop();
      throw std::runtime_error("swtpm did not open its socket");
    }
  }
  ~SwtpmProcess() { stop(); }
  SwtpmProcess(const SwtpmProcess&) = delete;
  SwtpmProcess& operator=(const SwtpmProcess&) = delete;

  [[nodiscard]] std::string socket() const { return (dir_ / "tpm.sock").string(); }
  [[nodiscard]] std::string tcti() const { return "swtpm:path=" + socket(); }

  void stop() {
    if (pid_ > 0) {
      ::kill(pid_, SIGTERM);
      int status = 0;
      ::waitpid(pid_, &status, 0);
      pid_ = -1;
    }
  }

 private:
  std::filesystem::path dir_;
  pid_t pid_ = -1;
};

}  // namespace kiosk::test
