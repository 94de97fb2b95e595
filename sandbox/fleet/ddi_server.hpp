#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "sandbox/fleet/fleet_service.hpp"

namespace httplib {
class Server;
struct Request;
struct Response;
}  // namespace httplib

namespace kiosk::fleet_sandbox {

struct DdiServerConfig {
  std::string host = "127.0.0.1";
  int port = 0;
  // HTTPS when both are set; with client_ca, a controller may authenticate
  // by a certificate whose common name is its controllerId (mutual TLS).
  std::string tls_cert;
  std::string tls_key;
  std::string client_ca;
  // Requests per second one controller may make before it gets 429, like
  // hawkBit's DoS filter; 0 switches the limit off.
  double max_requests_per_second = 0;
  int threads = 16;
};

// A scripted answer for the next `count` matching DDI requests: a status
// (with an optional Retry-After), or an artifact download cut after
// `cut_after_bytes` bytes of body.
struct ScriptedFault {
  std::string controller_id;  // empty: any
  std::string path_contains;  // empty: any DDI path
  int status = 0;
  std::optional<int> retry_after;
  std::optional<std::size_t> cut_after_bytes;
  int count = 1;
};

// hawkBit's DDI resources over HTTP(S) for one tenant, with its
// authentication (target token or client certificate), and the
// loopback-only admin API under /_fleet that plays the management side.
class DdiServer {
 public:
  DdiServer(DdiServerConfig config, FleetService& service);
  ~DdiServer();
  DdiServer(const DdiServer&) = delete;
  DdiServer& operator=(const DdiServer&) = delete;

  int bind();    // returns the port; throws std::runtime_error
  void serve();  // blocks until stop()
  void stop();
  [[nodiscard]] std::string url() const;

 private:
  struct Bucket {
    double tokens = 0;
    std::chrono::steady_clock::time_point last;
  };

  void ddi_routes();
  void admin_routes();
  bool authenticate(const httplib::Request& req, const std::string& controller_id) const;
  bool rate_limited(const std::string& controller_id);
  std::optional<ScriptedFault> take_fault(const std::string& controller_id, const std::string& path);
  // Runs the common checks of every DDI request; false when it answered.
  bool admit(const httplib::Request& req, httplib::Response& res, std::optional<ScriptedFault>& fault);
  void send(const std::string& controller_id, const DdiReply& reply, httplib::Response& res);
  void download(const httplib::Request& req, httplib::Response& res);

  DdiServerConfig config_;
  FleetService& service_;
  std::unique_ptr<httplib::Server> server_;
  int port_ = 0;
  std::mutex mutex_;  // faults and buckets
  std::vector<ScriptedFault> faults_;
  std::map<std::string, Bucket> buckets_;
};

}  // namespace kiosk::fleet_sandbox
