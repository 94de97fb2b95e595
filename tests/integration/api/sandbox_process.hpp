#pragma once

#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <string>
#include <thread>
#include <vector>

namespace kiosk::test {

// A child process; killed (SIGKILL) and reaped with the object.
class Child {
 public:
  Child(const std::vector<std::string>& argv, bool capture_stdout) {
    std::vector<char*> args;
    for (const auto& a : argv) {
      args.push_back(const_cast<char*>(a.c_str()));
    }
    args.push_back(nullptr);
    int fds[2] = {-1, -1};
    if (capture_stdout && pipe2(fds, O_CLOEXEC) != 0) {
      return;
    }
    const pid_t parent = getpid();
    pid_ = fork();
    if (pid_ == 0) {
      // Dies with the test, even when the test itself is killed.
      prctl(PR_SET_PDEATHSIG, SIGKILL);
      if (getppid() != parent) {
        _exit(127);
      }
      if (fds[1] >= 0) {
        dup2(fds[1], 1);
      }
      execv(args[0], args.data());
      _exit(127);
    }
    if (fds[1] >= 0) {
      close(fds[1]);
      out_ = fds[0];
    }
  }
  ~Child() {
    kill_now();
    if (drainer_.joinable()) {
      drainer_.join();
    }
    if (out_ >= 0) {
      close(out_);
    }
  }

  // Keeps reading stdout so a chatty child never blocks on a full pipe.
  void drain_in_background() {
    drainer_ = std::thread([fd = out_] {
      char buffer[4096];
      while (fd >= 0 && read(fd, buffer, sizeof buffer) > 0) {
      }
    });
  }
  Child(const Child&) = delete;
  Child& operator=(const Child&) = delete;

  // Reads stdout until a line containing `marker` (or EOF); returns that line.
  std::string line_with(const std::string& marker) {
    std::string buffer;
    char c = 0;
    while (out_ >= 0 && read(out_, &c, 1) == 1) {
      if (c == '\n') {
        if (buffer.find(marker) != std::string::npos) {
          return buffer;
        }
        buffer.clear();
      } else {
        buffer.push_back(c);
      }
    }
    return {};
  }

  void kill_now() {
    if (pid_ > 0) {
      ::kill(pid_, SIGKILL);
      waitpid(pid_, nullptr, 0);
      pid_ = -1;
    }
  }

  // Exit status, or -1 when killed by a signal.
  int wait() {
    if (pid_ <= 0) {
      return -1;
    }
    int status = 0;
    waitpid(pid_, &status, 0);
    pid_ = -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }

  [[nodiscard]] bool running() const { return pid_ > 0; }
  // SIGKILL now, without reaping (wait() does).
  void kill_hard() {
    if (pid_ > 0) {
      ::kill(pid_, SIGKILL);
    }
  }

 private:
  pid_t pid_ = -1;
  int out_ = -1;
  std::thread drainer_;
};

// The real stand-in provincial API on a free loopback port.
class Sandbox {
 public:
  explicit Sandbox(std::vector<std::string> extra = {}, std::string port = "0") {
    std::vector<std::string> argv = {std::string(KIOSK_BINARY_DIR) + "/bin/kiosk-sandbox",
                                     "--host",
                                     "127.0.0.1",
                                     "--port",
                                     port,
                                     "--today",
                                     "2026-11-23"};
    argv.insert(argv.end(), extra.begin(), extra.end());
    child_ = std::make_unique<Child>(argv, true);
    const std::string line = child_->line_with("listening on ");
    const auto at = line.find("http");
    if (at != std::string::npos) {
      url_ = line.substr(at);
      while (!url_.empty() && (url_.back() == ' ' || url_.back() == '\r')) {
        url_.pop_back();
      }
    }
    child_->drain_in_background();
  }
  [[nodiscard]] const std::string& url() const { return url_; }
  [[nodiscard]] std::string port() const { return url_.substr(url_.rfind(':') + 1); }
  void stop() { child_->kill_now(); }

 private:
  std::unique_ptr<Child> child_;
  std::string url_;
};

}  // namespace kiosk::test
