#include "sandbox/fleet/ddi_server.hpp"

#include <httplib.h>
#include <openssl/crypto.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>

#include <algorithm>
#include <array>
#include <fstream>
#include <functional>
#include <stdexcept>

namespace kiosk::fleet_sandbox {

using nlohmann::json;

namespace {

// {tenant}/controller/v1/{controllerId}: groups 1 and 2 of every DDI route.
const std::string kController = R"(/([^/]+)/controller/v1/([^/]+))";

bool is_loopback(const std::string& addr) {
  return addr == "127.0.0.1" || addr == "::1" || addr == "::ffff:127.0.0.1";
}

std::string common_name(X509* cert) {
  std::array<char, 256> cn{};
  X509_NAME_get_text_by_NID(X509_get_subject_name(cert), NID_commonName, cn.data(),
                            static_cast<int>(cn.size()));
  return cn.data();
}

std::optional<json> parse_body(const httplib::Request& req) {
  auto body = json::parse(req.body, nullptr, false);
  if (body.is_discarded()) {
    return std::nullopt;
  }
  return body;
}

void send_json(httplib::Response& res, int status, const json& body) {
  res.status = status;
  res.set_content(body.dump(), "application/json");
}

std::int64_t id_of(const std::string& text) {
  try {
    return std::stoll(text);
  } catch (const std::exception&) {
    return -1;
  }
}

AssignOptions assign_options(const json& body) {
  AssignOptions options;
  options.forced = body.value("download", "attempt") == "forced";
  options.download_only = body.value("download_only", false);
  if (body.contains("maintenance_window")) {
    options.window_available = body["maintenance_window"].get<std::string>() == "available";
  }
  return options;
}

std::vector<Artifact> artifacts_from(const json& list) {
  std::vector<Artifact> artifacts;
  for (const auto& a : list) {
    const auto filename = a.at("filename").get<std::string>();
    if (a.contains("path")) {
      std::ifstream in(a["path"].get<std::string>(), std::ios::binary);
      if (!in) {
        throw std::invalid_argument("cannot read " + a["path"].get<std::string>());
      }
      std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
      artifacts.push_back(make_artifact(filename, std::move(bytes)));
    } else {
      artifacts.push_back(
          make_artifact(filename, generated_bytes(a.at("size").get<std::size_t>(), a.value("seed", 1U))));
    }
  }
  return artifacts;
}

}  // namespace

DdiServer::DdiServer(DdiServerConfig config, FleetService& service)
    : config_(std::move(config)), service_(service) {
  if (!config_.tls_cert.empty()) {
    server_ =
        std::make_unique<httplib::SSLServer>(config_.tls_cert.c_str(), config_.tls_key.c_str(),
                                             config_.client_ca.empty() ? nullptr : config_.client_ca.c_str());
  } else {
    server_ = std::make_unique<httplib::Server>();
  }
  const int threads = std::max(2, config_.threads);
  server_->new_task_queue = [threads] { return new httplib::ThreadPool(static_cast<std::size_t>(threads)); };
  server_->set_keep_alive_max_count(1000);
  server_->set_keep_alive_timeout(2);
  ddi_routes();
  admin_routes();
}

DdiServer::~DdiServer() = default;

int DdiServer::bind() {
  if (config_.port == 0) {
    port_ = server_->bind_to_any_port(config_.host);
  } else {
    port_ = server_->bind_to_port(config_.host, config_.port) ? config_.port : -1;
  }
  if (port_ <= 0) {
    throw std::runtime_error("cannot listen on " + config_.host + ":" + std::to_string(config_.port));
  }
  return port_;
}

void DdiServer::serve() {
  server_->listen_after_bind();
}

void DdiServer::stop() {
  server_->stop();
}

std::string DdiServer::url() const {
  return std::string(config_.tls_cert.empty() ? "http" : "https") + "://" + config_.host + ":" +
         std::to_string(port_);
}

bool DdiServer::authenticate(const httplib::Request& req, const std::string& controller_id) const {
  if (!config_.client_ca.empty() && req.ssl != nullptr) {
    // The handshake already refused certificates the device CA did not
    // issue; the certificate must also name this controller.
    if (X509* peer = SSL_get0_peer_certificate(req.ssl)) {
      return common_name(peer) == controller_id;
    }
  }
  const auto token = service_.token_of(controller_id);
  if (!token || token->empty()) {
    return false;
  }
  const std::string header = req.get_header_value("Authorization");
  const std::string expected = "TargetToken " + *token;
  return header.size() == expected.size() &&
         CRYPTO_memcmp(header.data(), expected.data(), header.size()) == 0;
}

bool DdiServer::rate_limited(const std::string& controller_id) {
  if (config_.max_requests_per_second <= 0) {
    return false;
  }
  const auto now = std::chrono::steady_clock::now();
  const std::lock_guard lock(mutex_);
  auto [it, fresh] = buckets_.try_emplace(controller_id, Bucket{config_.max_requests_per_second, now});
  Bucket& bucket = it->second;
  if (!fresh) {
    const double elapsed = std::chrono::duration<double>(now - bucket.last).count();
    bucket.tokens =
        std::min(config_.max_requests_per_second, bucket.tokens + elapsed * config_.max_requests_per_second);
    bucket.last = now;
  }
  if (bucket.tokens < 1.0) {
    return true;
  }
  bucket.tokens -= 1.0;
  return false;
}

std::optional<ScriptedFault> DdiServer::take_fault(const std::string& controller_id,
                                                   const std::string& path) {
  const std::lock_guard lock(mutex_);
  for (auto it = faults_.begin(); it != faults_.end(); ++it) {
    if ((it->controller_id.empty() || it->controller_id == controller_id) &&
        (it->path_contains.empty() || path.find(it->path_contains) != std::string::npos)) {
      ScriptedFault fault = *it;
      if (--it->count <= 0) {
        faults_.erase(it);
      }
      return fault;
    }
  }
  return std::nullopt;
}

bool DdiServer::admit(const httplib::Request& req, httplib::Response& res,
                      std::optional<ScriptedFault>& fault) {
  const std::string tenant = req.matches[1];
  const std::string controller_id = req.matches[2];
  if (tenant != service_.tenant()) {
    send_json(res, 404,
              json{{"errorCode", "hawkbit.server.error.repo.entitiyNotFound"}, {"message", "tenant"}});
    return false;
  }
  if (!authenticate(req, controller_id)) {
    // hawkBit answers an unauthenticated controller without a body.
    res.status = 401;
    return false;
  }
  service_.count_request(controller_id, 0);
  if (rate_limited(controller_id)) {
    res.status = 429;
    return false;
  }
  fault = take_fault(controller_id, req.path);
  if (fault && fault->status != 0) {
    res.status = fault->status;
    if (fault->retry_after) {
      res.set_header("Retry-After", std::to_string(*fault->retry_after));
    }
    return false;
  }
  return true;
}

void DdiServer::send(const std::string& controller_id, const DdiReply& reply, httplib::Response& res) {
  res.status = reply.status;
  for (const auto& [name, value] : reply.headers) {
    res.set_header(name, value);
  }
  if (!reply.body.is_null()) {
    const std::string body = reply.body.dump();
    service_.count_request(controller_id, body.size());
    res.set_content(body, "application/hal+json");
  }
}

void DdiServer::ddi_routes() {
  auto origin = [this](const httplib::Request& req) {
    return std::string(config_.tls_cert.empty() ? "http" : "https") + "://" + req.get_header_value("Host");
  };
  server_->Get(kController + "$", [this, origin](const httplib::Request& req, httplib::Response& res) {
    std::optional<ScriptedFault> fault;
    if (admit(req, res, fault)) {
      send(req.matches[2], service_.controller_base(req.matches[2], origin(req)), res);
    }
  });
  server_->Put(kController + "/configData$", [this](const httplib::Request& req, httplib::Response& res) {
    std::optional<ScriptedFault> fault;
    if (!admit(req, res, fault)) {
      return;
    }
    const auto body = parse_body(req);
    send(req.matches[2], body ? service_.put_config_data(req.matches[2], *body) : DdiReply{400, nullptr, {}},
         res);
  });
  server_->Get(kController + R"(/deploymentBase/(\d+)$)", [this, origin](const httplib::Request& req,
                                                                         httplib::Response& res) {
    std::optional<ScriptedFault> fault;
    if (admit(req, res, fault)) {
      send(req.matches[2], service_.deployment_base(req.matches[2], id_of(req.matches[3]), origin(req)), res);
    }
  });
  server_->Post(kController + R"(/deploymentBase/(\d+)/feedback$)",
                [this](const httplib::Request& req, httplib::Response& res) {
                  std::optional<ScriptedFault> fault;
                  if (!admit(req, res, fault)) {
                    return;
                  }
                  const auto body = parse_body(req);
                  send(req.matches[2],
                       body ? service_.action_feedback(req.matches[2], id_of(req.matches[3]), *body)
                            : DdiReply{400, nullptr, {}},
                       res);
                });
  server_->Get(kController + R"(/cancelAction/(\d+)$)",
               [this](const httplib::Request& req, httplib::Response& res) {
                 std::optional<ScriptedFault> fault;
                 if (admit(req, res, fault)) {
                   send(req.matches[2], service_.cancel_action(req.matches[2], id_of(req.matches[3])), res);
                 }
               });
  server_->Post(kController + R"(/cancelAction/(\d+)/feedback$)",
                [this](const httplib::Request& req, httplib::Response& res) {
                  std::optional<ScriptedFault> fault;
                  if (!admit(req, res, fault)) {
                    return;
                  }
                  const auto body = parse_body(req);
                  send(req.matches[2],
                       body ? service_.cancel_feedback(req.matches[2], id_of(req.matches[3]), *body)
                            : DdiReply{400, nullptr, {}},
                       res);
                });
  server_->Get(kController + R"(/installedBase/(\d+)$)", [this, origin](const httplib::Request& req,
                                                                        httplib::Response& res) {
    std::optional<ScriptedFault> fault;
    if (admit(req, res, fault)) {
      send(req.matches[2], service_.installed_base(req.matches[2], id_of(req.matches[3]), origin(req)), res);
    }
  });
  server_->Get(kController + R"(/softwaremodules/(\d+)/artifacts/([^/]+)$)",
               [this](const httplib::Request& req, httplib::Response& res) { download(req, res); });
}

void DdiServer::download(const httplib::Request& req, httplib::Response& res) {
  std::optional<ScriptedFault> fault;
  if (!admit(req, res, fault)) {
    return;
  }
  const std::string controller_id = req.matches[2];
  std::string filename = req.matches[4];
  const bool md5sum = filename.size() > 7 && filename.ends_with(".MD5SUM");
  if (md5sum) {
    filename.resize(filename.size() - 7);
  }
  const auto artifact = service_.artifact(controller_id, id_of(req.matches[3]), filename);
  if (!artifact) {
    send_json(res, 404,
              json{{"errorCode", "hawkbit.server.error.repo.entitiyNotFound"}, {"message", "artifact"}});
    return;
  }
  if (md5sum) {
    res.set_content(artifact->md5 + "  " + artifact->filename + "\n", "text/plain");
    return;
  }
  // Artifacts never change once uploaded, so every If-Range a controller
  // sends with the ETag it got holds; cpp-httplib then serves the Range.
  res.set_header("ETag", "\"" + artifact->sha1 + "\"");
  res.set_header("Accept-Ranges", "bytes");
  res.set_header("Content-Disposition", "attachment;filename=" + artifact->filename);
  const auto blob = artifact->bytes;
  const std::size_t cut = fault && fault->cut_after_bytes ? *fault->cut_after_bytes : SIZE_MAX;
  auto sent = std::make_shared<std::size_t>(0);
  res.set_content_provider(blob->size(), "application/octet-stream",
                           [this, blob, cut, sent, controller_id](std::size_t offset, std::size_t length,
                                                                  httplib::DataSink& sink) {
                             std::size_t n = std::min<std::size_t>(length, 64 * 1024);
                             if (*sent + n > cut) {
                               n = cut - *sent;
                             }
                             if (n > 0 && !sink.write(blob->data() + offset, n)) {
                               return false;
                             }
                             *sent += n;
                             service_.count_artifact_bytes(controller_id, n);
                             return *sent < cut;  // false drops the connection mid-body
                           });
}

void DdiServer::admin_routes() {
  // The management side a fleet operator would use in hawkBit's UI or
  // Management API, reduced to what tests and the simulator need.
  auto admin = [this](const char* method, const std::string& pattern,
                      std::function<void(const httplib::Request&, httplib::Response&)> handler) {
    auto guarded = [handler](const httplib::Request& req, httplib::Response& res) {
      if (!is_loopback(req.remote_addr)) {
        res.status = 403;
        return;
      }
      try {
        handler(req, res);
      } catch (const std::exception& e) {
        send_json(res, 400, json{{"error", e.what()}});
      }
    };
    const std::string m = method;
    if (m == "GET") {
      server_->Get(pattern, guarded);
    } else if (m == "POST") {
      server_->Post(pattern, guarded);
    } else if (m == "PUT") {
      server_->Put(pattern, guarded);
    } else {
      server_->Delete(pattern, guarded);
    }
  };
  admin("POST", "/_fleet/targets", [this](const httplib::Request& req, httplib::Response& res) {
    const json body = json::parse(req.body);
    const json list = body.is_array() ? body : json::array({body});
    for (const auto& t : list) {
      service_.add_target(t.at("controller_id").get<std::string>(), t.value("token", ""));
    }
    send_json(res, 201, json{{"created", list.size()}});
  });
  admin("GET", R"(/_fleet/targets/([^/]+))", [this](const httplib::Request& req, httplib::Response& res) {
    const auto target = service_.describe_target(req.matches[1]);
    send_json(res, target ? 200 : 404, target.value_or(json::object()));
  });
  admin("POST", "/_fleet/distributions", [this](const httplib::Request& req, httplib::Response& res) {
    const json body = json::parse(req.body);
    const auto id =
        service_.add_distribution(body.at("name").get<std::string>(), body.at("version").get<std::string>(),
                                  artifacts_from(body.at("artifacts")));
    send_json(res, 201, json{{"id", id}});
  });
  admin("POST", "/_fleet/actions", [this](const httplib::Request& req, httplib::Response& res) {
    const json body = json::parse(req.body);
    const auto id = service_.assign(body.at("controller_id").get<std::string>(),
                                    body.at("distribution").get<std::int64_t>(), assign_options(body));
    send_json(res, id ? 201 : 404,
              id ? json{{"id", *id}} : json{{"error", "unknown target or distribution"}});
  });
  admin("GET", R"(/_fleet/actions/(\d+))", [this](const httplib::Request& req, httplib::Response& res) {
    const auto action = service_.describe_action(id_of(req.matches[1]));
    send_json(res, action ? 200 : 404, action.value_or(json::object()));
  });
  admin("PUT", R"(/_fleet/actions/(\d+)/window)",
        [this](const httplib::Request& req, httplib::Response& res) {
          const json body = json::parse(req.body);
          const bool ok = service_.set_window(id_of(req.matches[1]), body.at("available").get<bool>());
          send_json(res, ok ? 200 : 404, json::object());
        });
  admin("POST", R"(/_fleet/actions/(\d+)/cancel)",
        [this](const httplib::Request& req, httplib::Response& res) {
          const bool ok = service_.request_cancel(id_of(req.matches[1]));
          send_json(res, ok ? 200 : 409, json::object());
        });
  admin("POST", "/_fleet/rollouts", [this](const httplib::Request& req, httplib::Response& res) {
    const json body = json::parse(req.body);
    const auto id = service_.create_rollout(
        body.value("name", "rollout"), body.at("distribution").get<std::int64_t>(),
        body.at("targets").get<std::vector<std::string>>(), body.value("groups", std::vector<int>{100}),
        body.value("success_threshold", 100), body.value("error_threshold", 100), assign_options(body));
    send_json(res, 201, json{{"id", id}});
  });
  admin("POST", R"(/_fleet/rollouts/(\d+)/start)",
        [this](const httplib::Request& req, httplib::Response& res) {
          const bool ok = service_.start_rollout(id_of(req.matches[1]));
          send_json(res, ok ? 200 : 409, json::object());
        });
  admin("GET", R"(/_fleet/rollouts/(\d+))", [this](const httplib::Request& req, httplib::Response& res) {
    const auto rollout = service_.describe_rollout(id_of(req.matches[1]));
    send_json(res, rollout ? 200 : 404, rollout.value_or(json::object()));
  });
  admin("PUT", "/_fleet/config", [this](const httplib::Request& req, httplib::Response& res) {
    const json body = json::parse(req.body);
    service_.set_polling_sleep(body.at("polling_sleep").get<std::string>());
    send_json(res, 200, json::object());
  });
  admin("POST", "/_fleet/faults", [this](const httplib::Request& req, httplib::Response& res) {
    const json body = json::parse(req.body);
    ScriptedFault fault;
    fault.controller_id = body.value("controller_id", "");
    fault.path_contains = body.value("path_contains", "");
    fault.status = body.value("status", 0);
    fault.count = body.value("count", 1);
    if (body.contains("retry_after")) {
      fault.retry_after = body["retry_after"].get<int>();
    }
    if (body.contains("cut_after_bytes")) {
      fault.cut_after_bytes = body["cut_after_bytes"].get<std::size_t>();
    }
    if (fault.status == 0 && !fault.cut_after_bytes) {
      throw std::invalid_argument("a fault needs a status or cut_after_bytes");
    }
    const std::lock_guard lock(mutex_);
    faults_.push_back(fault);
    send_json(res, 201, json::object());
  });
  admin("DELETE", "/_fleet/faults", [this](const httplib::Request&, httplib::Response& res) {
    const std::lock_guard lock(mutex_);
    faults_.clear();
    send_json(res, 200, json::object());
  });
  admin("GET", "/_fleet/stats",
        [this](const httplib::Request&, httplib::Response& res) { send_json(res, 200, service_.stats()); });
}

}  // namespace kiosk::fleet_sandbox
