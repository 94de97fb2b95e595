// kiosk-fleet-sandbox: a stand-in hawkBit DDI server for tests, demos and the
// fleet scale simulator. Prints "kiosk-fleet-sandbox listening on URL" once it
// accepts connections; stops on SIGINT/SIGTERM.
#include <csignal>
#include <iostream>
#include <thread>

#include <pthread.h>

#include <CLI/CLI.hpp>

#include "sandbox/fleet/ddi_server.hpp"
#include "sandbox/fleet/fleet_service.hpp"

using namespace kiosk::fleet_sandbox;

int main(int argc, char** argv) {
  CLI::App app{"Stand-in hawkBit DDI server (Direct Device Integration API v1) for the kiosk fleet"};
  DdiServerConfig config;
  std::string tenant = "DEFAULT";
  std::string sleep = "00:05:00";
  std::vector<std::string> targets;
  app.add_option("--host", config.host, "Address to listen on (loopback only for tests)")
      ->capture_default_str();
  app.add_option("--port", config.port, "Port; 0 picks a free one")
      ->capture_default_str()
      ->check(CLI::Range(0, 65535));
  app.add_option("--tenant", tenant, "Tenant in /{tenant}/controller/v1/...")->capture_default_str();
  app.add_option("--polling-sleep", sleep, "config.polling.sleep sent to controllers (HH:MM:SS)")
      ->capture_default_str();
  app.add_option("--tls-cert", config.tls_cert, "Server certificate (PEM): serve HTTPS");
  app.add_option("--tls-key", config.tls_key, "Server private key (PEM)");
  app.add_option("--client-ca", config.client_ca,
                 "CA of device certificates: a controller may authenticate by a certificate naming it");
  app.add_option("--max-rps", config.max_requests_per_second,
                 "Requests per second per controller before 429 (0: no limit)")
      ->capture_default_str();
  app.add_option("--threads", config.threads, "Worker threads")->capture_default_str();
  app.add_option("--target", targets, "Register a controller: ID:TOKEN (repeatable)");
  CLI11_PARSE(app, argc, argv);

  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  try {
    FleetService service(tenant, sleep);
    for (const auto& t : targets) {
      const auto colon = t.find(':');
      if (colon == std::string::npos) {
        std::cerr << "kiosk-fleet-sandbox: --target wants ID:TOKEN\n";
        return 2;
      }
      service.add_target(t.substr(0, colon), t.substr(colon + 1));
    }
    DdiServer server(config, service);
    server.bind();
    std::thread stopper([&server, signals] {
      int sig = 0;
      sigwait(&signals, &sig);
      server.stop();
    });
    std::cout << "kiosk-fleet-sandbox listening on " << server.url() << std::endl;
    server.serve();
    pthread_kill(stopper.native_handle(), SIGTERM);
    stopper.join();
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "kiosk-fleet-sandbox: " << e.what() << '\n';
    return 1;
  }
}
