#pragma once

#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <random>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "sandbox/fault.hpp"
#include "sandbox/provincial_service.hpp"
#include "sandbox/state_store.hpp"

namespace httplib {
class Server;
struct Request;
struct Response;
}  // namespace httplib

namespace kiosk::sandbox {

struct ServerConfig {
  std::string host = "127.0.0.1";
  int port = 0;  // 0: the OS picks a free port
  // HTTPS when both are set; with client_ca, kiosks must present a device
  // certificate issued by it (mutual TLS).
  std::string tls_cert;
  std::string tls_key;
  std::string client_ca;
  // Bearer mode (development): requests carry "Authorization: Bearer <token>".
  std::string token;
  std::vector<Fault> faults;
  std::uint64_t seed = 1;
};

// The contract over HTTP(S): routing, kiosk authentication, RFC 9457
// problems, idempotency keys, fault injection, the journal of received
// requests, and the loopback-only /_sandbox admin paths.
class SandboxServer {
 public:
  SandboxServer(ServerConfig config, ProvincialService& service, StateStore& store);
  ~SandboxServer();
  SandboxServer(const SandboxServer&) = delete;
  SandboxServer& operator=(const SandboxServer&) = delete;

  // Binds and returns the port; throws std::runtime_error when it cannot.
  int bind();
  void serve();  // blocks until stop()
  void stop();
  std::string url() const;

  // What a handler produces before faults are applied.
  struct Outcome {
    int status = 200;
    std::string content_type = "application/json";
    std::string body;
    std::vector<std::pair<std::string, std::string>> headers;
  };

 private:
  struct Call;
  using Handler = std::function<Outcome(const httplib::Request&, Call&)>;
  enum class Access { kPublic, kKiosk };

  void routes();
  void v1(const char* method, const char* pattern, Access access, Handler handler);
  void admin(const char* method, const char* pattern,
             std::function<Outcome(const httplib::Request&)> handler);
  void dispatch(const httplib::Request& req, httplib::Response& res, Access access, const Handler& handler);
  std::vector<Fault> roll_faults(const std::vector<Fault>& candidates, const std::string& path);
  std::string authenticate(const httplib::Request& req, std::string& method) const;
  void record(const httplib::Request& req, int status, const std::string& key, const std::string& faults,
              bool replayed);

  ServerConfig config_;
  ProvincialService& service_;
  StateStore& store_;
  std::unique_ptr<httplib::Server> server_;
  int port_ = 0;

  std::mutex state_mutex_;  // service and store
  std::mutex admin_mutex_;  // faults, random source, journal
  std::vector<Fault> faults_;
  std::mt19937_64 random_;
  std::deque<nlohmann::json> journal_;
  std::uint64_t journal_seq_ = 0;
};

}  // namespace kiosk::sandbox
