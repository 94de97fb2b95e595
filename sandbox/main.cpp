// kiosk-sandbox: the stand-in provincial API the kiosk talks to in demos and
// tests. Prints one line "kiosk-sandbox listening on URL" once it accepts
// connections; stops on SIGINT/SIGTERM.
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <thread>

#include <pthread.h>
#include <unistd.h>

#include <CLI/CLI.hpp>

#include "sandbox/demo_data.hpp"
#include "sandbox/fault.hpp"
#include "sandbox/http_server.hpp"
#include "sandbox/provincial_service.hpp"
#include "sandbox/state_store.hpp"

namespace fs = std::filesystem;
using namespace kiosk::sandbox;

namespace {

constexpr const char* kDevelopmentToken = "kiosk-sandbox-dev-token";

fs::path default_demo_json() {
  std::error_code ec;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    const fs::path beside = exe.parent_path().parent_path() / "sandbox" / "demo" / "demo.json";
    if (fs::exists(beside)) {
      return beside;
    }
  }
  return fs::path(KIOSK_SANDBOX_DEMO_DIR) / "demo.json";
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Stand-in provincial API for the CCCD self-service kiosk (contract: sandbox/openapi.yaml)"};
  ServerConfig config;
  std::vector<std::string> fault_specs;
  std::string state_path;
  std::string demo_json;
  std::string today_text;
  app.add_option("--host", config.host, "Address to listen on")->capture_default_str();
  app.add_option("--port", config.port, "Port; 0 picks a free one")
      ->capture_default_str()
      ->check(CLI::Range(0, 65535));
  app.add_option("--tls-cert", config.tls_cert, "Server certificate (PEM): serve HTTPS");
  app.add_option("--tls-key", config.tls_key, "Server private key (PEM)");
  app.add_option("--client-ca", config.client_ca, "CA of kiosk device certificates: require mutual TLS");
  app.add_option(
      "--token", config.token,
      std::string("Bearer token kiosks send (default without --client-ca: ") + kDevelopmentToken + ")");
  app.add_option(
      "--fault", fault_specs,
      "Fault on every /v1 request: latency=MS[:RATE], status=CODE[:RATE], 429[:RETRY_AFTER[:RATE]], "
      "drop[:RATE], truncate[:RATE], optionally @/path/prefix; repeatable");
  app.add_option("--state", state_path, "SQLite state file kept across runs (default: fresh in memory)");
  app.add_option("--data", demo_json, "demo.json generated at build time")->check(CLI::ExistingFile);
  app.add_option("--today", today_text, "Fix the date (YYYY-MM-DD) used for validity and appointments");
  app.add_option("--seed", config.seed, "Seed of the fault dice")->capture_default_str();
  CLI11_PARSE(app, argc, argv);

  try {
    for (const auto& spec : fault_specs) {
      const auto faults = parse_fault_spec(spec);
      config.faults.insert(config.faults.end(), faults.begin(), faults.end());
    }
  } catch (const FaultSpecError& e) {
    std::cerr << "kiosk-sandbox: --fault: " << e.what() << '\n';
    return 2;
  }
  std::optional<CivilDate> today;
  if (!today_text.empty()) {
    today = CivilDate::parse(today_text);
    if (!today) {
      std::cerr << "kiosk-sandbox: --today wants YYYY-MM-DD\n";
      return 2;
    }
  }
  if (config.client_ca.empty() && config.token.empty()) {
    config.token = kDevelopmentToken;
  }

  // Signals go to one thread that stops the server; block them everywhere
  // else before the worker threads exist.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  try {
    const DemoData data = DemoData::load(demo_json.empty() ? default_demo_json() : fs::path(demo_json));
    StateStore store(state_path.empty() ? ":memory:" : state_path);
    ProvincialService service(
        data, store, [] { return std::chrono::system_clock::now(); }, today);
    SandboxServer server(config, service, store);
    server.bind();
    std::thread stopper([&server, signals] {
      int sig = 0;
      sigwait(&signals, &sig);
      server.stop();
    });
    std::cout << "kiosk-sandbox listening on " << server.url() << std::endl;
    if (config.client_ca.empty()) {
      std::cerr << "kiosk-sandbox: bearer mode; kiosks send \"Authorization: Bearer " << config.token
                << "\"\n";
    }
    server.serve();
    // serve() also returns when the listening socket fails; wake the stopper.
    pthread_kill(stopper.native_handle(), SIGTERM);
    stopper.join();
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "kiosk-sandbox: " << e.what() << '\n';
    return 1;
  }
}
