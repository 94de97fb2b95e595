#pragma once
// A private pcscd with the vpcd driver for one test program: its own mount
// namespace (so /run/pcscd is a temporary directory) and its own network
// namespace (so vpcd's listening port exists on a private loopback only and
// parallel test programs never collide). The virtual card joins that network
// namespace with nsenter.
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "drivers/card/pcsc_reader.hpp"

extern char** environ;

namespace kiosk::card::testing {

inline pid_t spawn(const std::vector<std::string>& args) {
  std::vector<char*> argv;
  for (const auto& a : args)
    argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  pid_t pid = 0;
  if (posix_spawnp(&pid, argv[0], nullptr, nullptr, argv.data(), environ) != 0) {
    throw std::runtime_error("cannot start " + args[0]);
  }
  return pid;
}

inline void stop(pid_t pid) {
  if (pid <= 0)
    return;
  kill(pid, SIGTERM);
  int status = 0;
  waitpid(pid, &status, 0);
}

template <typename Predicate>
bool wait_for(Predicate done, std::chrono::milliseconds limit = std::chrono::seconds(20)) {
  const auto end = std::chrono::steady_clock::now() + limit;
  while (std::chrono::steady_clock::now() < end) {
    if (done())
      return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return done();
}

class PrivatePcscd {
 public:
  PrivatePcscd() {
    // mkdtemp replaces the six trailing 'X'.
    std::string pattern = "/tmp/kiosk-pcscd-" + std::string(6, 'X');
    if (!mkdtemp(pattern.data()))
      throw std::runtime_error("mkdtemp");
    dir_ = pattern;
    std::filesystem::create_directories(dir_ / "conf");
    std::filesystem::create_directories(dir_ / "run");
    std::ofstream(dir_ / "conf" / "vpcd") << "FRIENDLYNAME \"Virtual PCD\"\n"
                                             "DEVICENAME   /dev/null:0x8C7B\n"
                                             "LIBPATH      /usr/lib/pcsc/drivers/serial/libifdvpcd.so\n"
                                             "CHANNELID    0x8C7B\n";
    const std::string script = "ip link set lo up && mount --bind '" + (dir_ / "run").string() +
                               "' /run && exec pcscd -f -c '" + (dir_ / "conf").string() +
                               "' >/dev/null 2>&1";
    pid_ = spawn({"unshare", "-m", "-n", "sh", "-c", script});
    socket_ = (dir_ / "run" / "pcscd" / "pcscd.comm").string();
    setenv("PCSCLITE_CSOCK_NAME", socket_.c_str(), 1);
    if (!wait_for([&] { return std::filesystem::exists(socket_); })) {
      throw std::runtime_error("private pcscd did not start (needs root for unshare)");
    }
  }
  ~PrivatePcscd() {
    stop(pid_);
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }
  PrivatePcscd(const PrivatePcscd&) = delete;
  PrivatePcscd& operator=(const PrivatePcscd&) = delete;

  pid_t pid() const { return pid_; }
  const std::string& socket() const { return socket_; }

  bool card_present() {
    try {
      PcscReaders readers;
      for (const auto& s : readers.states()) {
        if (s.card_present)
          return true;
      }
    } catch (const std::exception&) {
    }
    return false;
  }

 private:
  std::filesystem::path dir_;
  std::string socket_;
  pid_t pid_ = -1;
};

// kiosk-vcard inside the pcscd's network namespace, connected to vpcd.
class VirtualCardProcess {
 public:
  VirtualCardProcess(PrivatePcscd& pcscd, const std::vector<std::string>& args) : pcscd_(pcscd) {
    std::vector<std::string> cmd{"nsenter", "-t", std::to_string(pcscd.pid()), "-n",
                                 std::string(KIOSK_BINARY_DIR) + "/bin/kiosk-vcard"};
    cmd.insert(cmd.end(), args.begin(), args.end());
    pid_ = spawn(cmd);
    if (!wait_for([&] { return pcscd_.card_present(); }))
      throw std::runtime_error("the virtual card did not appear");
  }
  ~VirtualCardProcess() { remove(); }
  VirtualCardProcess(const VirtualCardProcess&) = delete;
  VirtualCardProcess& operator=(const VirtualCardProcess&) = delete;

  // Takes the card out of the reader.
  void remove() {
    if (pid_ <= 0)
      return;
    stop(pid_);
    pid_ = -1;
    wait_for([&] { return !pcscd_.card_present(); });
  }

 private:
  PrivatePcscd& pcscd_;
  pid_t pid_ = -1;
};

}  // namespace kiosk::card::testing
