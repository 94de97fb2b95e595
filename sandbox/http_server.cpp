#include "sandbox/http_server.hpp"

#include <chrono>
#include <stdexcept>
#include <thread>

#include <httplib.h>
#include <openssl/crypto.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>

#include "sandbox/civil_date.hpp"
#include "sandbox/openssl_handles.hpp"
#include "sandbox/problem.hpp"
#include "sandbox/request_body.hpp"

namespace kiosk::sandbox {

using nlohmann::json;

struct SandboxServer::Call {
  std::string device_id;
  std::string auth_method;  // mutual_tls | bearer
};

namespace {

constexpr std::size_t kJournalMax = 10000;
constexpr std::size_t kPayloadMax = 4 * 1024 * 1024;

SandboxServer::Outcome json_outcome(int status, const json& body) {
  return {status, "application/json", body.dump(), {}};
}

SandboxServer::Outcome problem_outcome(const Problem& p, const std::string& instance) {
  SandboxServer::Outcome out{p.status(), "application/problem+json", p.to_json(instance).dump(), {}};
  if (p.extra().contains("retry_after")) {
    out.headers.emplace_back("Retry-After", std::to_string(p.extra()["retry_after"].get<int>()));
  }
  if (p.status() == 401) {
    out.headers.emplace_back("WWW-Authenticate", "Bearer realm=\"kiosk\"");
  }
  return out;
}

SandboxServer::Outcome reply(const Reply& r) {
  return json_outcome(r.status, r.body);
}

bool is_loopback(const std::string& addr) {
  return addr == "127.0.0.1" || addr == "::1" || addr == "::ffff:127.0.0.1";
}

std::string common_name(X509* cert) {
  char cn[256] = "";
  X509_NAME_get_text_by_NID(X509_get_subject_name(cert), NID_commonName, cn, sizeof cn);
  return cn;
}

std::string name_text(const X509_NAME* name) {
  ossl::Bio bio(BIO_new(BIO_s_mem()));
  X509_NAME_print_ex(bio.get(), name, 0, XN_FLAG_RFC2253 & ~ASN1_STRFLGS_ESC_MSB);
  char* data = nullptr;
  const long n = BIO_get_mem_data(bio.get(), &data);
  return std::string(data, static_cast<std::size_t>(n));
}

bool is_idempotency_key(const std::string& key) {
  if (key.size() < 8 || key.size() > 128) {
    return false;
  }
  for (const char c : key) {
    if (c < 0x21 || c > 0x7E) {
      return false;
    }
  }
  return true;
}

void require_json_content(const httplib::Request& req) {
  const std::string type = req.get_header_value("Content-Type");
  if (!type.empty() && type.rfind("application/json", 0) != 0) {
    throw Problem(415, "unsupported_media_type", "Unsupported media type",
                  "This request takes application/json");
  }
}

std::uint64_t parse_offset(const std::string& text) {
  if (text.empty() || text.size() > 15) {
    throw Problem::invalid_request("Upload-Offset", "header must be a non-negative integer");
  }
  std::uint64_t v = 0;
  for (const char c : text) {
    if (c < '0' || c > '9') {
      throw Problem::invalid_request("Upload-Offset", "header must be a non-negative integer");
    }
    v = v * 10 + static_cast<std::uint64_t>(c - '0');
  }
  return v;
}

}  // namespace

SandboxServer::SandboxServer(ServerConfig config, ProvincialService& service, StateStore& store)
    : config_(std::move(config)),
      service_(service),
      store_(store),
      faults_(config_.faults),
      random_(config_.seed) {
  const bool tls = !config_.tls_cert.empty() || !config_.tls_key.empty();
  if (tls) {
    if (config_.tls_cert.empty() || config_.tls_key.empty()) {
      throw std::runtime_error("HTTPS needs both --tls-cert and --tls-key");
    }
    auto ssl =
        std::make_unique<httplib::SSLServer>(config_.tls_cert.c_str(), config_.tls_key.c_str(),
                                             config_.client_ca.empty() ? nullptr : config_.client_ca.c_str());
    if (!ssl->is_valid()) {
      throw std::runtime_error("cannot load the TLS certificate, key or client CA");
    }
    // TLS 1.2 at least; the kiosk's libcurl speaks 1.3.
    SSL_CTX_set_min_proto_version(ssl->ssl_context(), TLS1_2_VERSION);
    server_ = std::move(ssl);
  } else {
    if (!config_.client_ca.empty()) {
      throw std::runtime_error("--client-ca needs HTTPS (--tls-cert and --tls-key)");
    }
    server_ = std::make_unique<httplib::Server>();
  }
  if (config_.client_ca.empty() && config_.token.empty()) {
    throw std::runtime_error("kiosks must authenticate: give --client-ca (mutual TLS) or --token");
  }
  // httplib writes headers and body separately; without this, Nagle and
  // delayed ACKs add ~40 ms to every answer on loopback.
  server_->set_tcp_nodelay(true);
  server_->set_payload_max_length(kPayloadMax);
  server_->set_read_timeout(30);
  server_->set_write_timeout(30);
  server_->set_error_handler(
      httplib::Server::HandlerWithResponse([](const httplib::Request& req, httplib::Response& res) {
        if (!res.body.empty()) {
          return httplib::Server::HandlerResponse::Unhandled;
        }
        const Problem p = res.status == 413   ? Problem(413, "payload_too_large", "Request body too large")
                          : res.status == 404 ? Problem(404, "not_found", "Not found",
                                                        "No such path in the contract: " + req.path)
                                              : Problem(res.status, "invalid_request", "Request refused");
        const auto out = problem_outcome(p, req.path);
        res.set_content(out.body, out.content_type);
        return httplib::Server::HandlerResponse::Handled;
      }));
  server_->set_exception_handler([](const httplib::Request& req, httplib::Response& res, std::exception_ptr) {
    const auto out = problem_outcome(Problem(500, "internal_error", "Internal error"), req.path);
    res.status = 500;
    res.set_content(out.body, out.content_type);
  });
  routes();
}

SandboxServer::~SandboxServer() = default;

int SandboxServer::bind() {
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

void SandboxServer::serve() {
  server_->listen_after_bind();
}

void SandboxServer::stop() {
  server_->stop();
}

std::string SandboxServer::url() const {
  const bool tls = !config_.tls_cert.empty();
  const std::string host =
      config_.host.find(':') != std::string::npos ? "[" + config_.host + "]" : config_.host;
  return std::string(tls ? "https" : "http") + "://" + host + ":" + std::to_string(port_);
}

std::string SandboxServer::authenticate(const httplib::Request& req, std::string& method) const {
  if (!config_.client_ca.empty() && req.ssl != nullptr) {
    // The handshake already refused certificates the provisioning CA did not
    // issue; what remains is to name the kiosk.
    X509* peer = SSL_get0_peer_certificate(req.ssl);
    if (peer != nullptr) {
      method = "mutual_tls";
      return common_name(peer);
    }
  }
  if (!config_.token.empty()) {
    const std::string header = req.get_header_value("Authorization");
    const std::string expected = "Bearer " + config_.token;
    if (header.size() == expected.size() &&
        CRYPTO_memcmp(header.data(), expected.data(), header.size()) == 0) {
      method = "bearer";
      return "dev-kiosk";
    }
  }
  throw Problem(401, "unauthenticated", "Kiosk not authenticated",
                "Present the device certificate (mutual TLS) or the bearer token");
}

std::vector<Fault> SandboxServer::roll_faults(const std::vector<Fault>& candidates, const std::string& path) {
  std::vector<Fault> chosen;
  std::uniform_real_distribution<double> dice(0.0, 1.0);
  const std::lock_guard lock(admin_mutex_);
  for (const auto& f : candidates) {
    if (f.applies_to(path) && (f.rate >= 1.0 || dice(random_) < f.rate)) {
      chosen.push_back(f);
    }
  }
  return chosen;
}

void SandboxServer::record(const httplib::Request& req, int status, const std::string& key,
                           const std::string& faults, bool replayed) {
  const std::lock_guard lock(admin_mutex_);
  journal_.push_back({{"seq", ++journal_seq_},
                      {"method", req.method},
                      {"path", req.path},
                      {"status", status},
                      {"idempotency_key", key},
                      {"fault", faults},
                      {"replayed", replayed},
                      {"received_at", rfc3339_local(std::chrono::system_clock::now())}});
  if (journal_.size() > kJournalMax) {
    journal_.pop_front();
  }
}

void SandboxServer::dispatch(const httplib::Request& req, httplib::Response& res, Access access,
                             const Handler& handler) {
  std::vector<Fault> candidates;
  {
    const std::lock_guard lock(admin_mutex_);
    candidates = faults_;
  }
  Outcome out;
  std::string applied;
  bool replayed = false;
  const std::string key = req.get_header_value("Idempotency-Key");
  try {
    if (req.has_header("X-Sandbox-Fault")) {
      try {
        const auto extra = parse_fault_spec(req.get_header_value("X-Sandbox-Fault"));
        candidates.insert(candidates.end(), extra.begin(), extra.end());
      } catch (const FaultSpecError& e) {
        throw Problem::invalid_request("X-Sandbox-Fault", e.what());
      }
    }
    const auto faults = roll_faults(candidates, req.path);
    for (const auto& f : faults) {
      applied += (applied.empty() ? "" : ",") + f.to_spec();
    }
    for (const auto& f : faults) {
      if (f.kind == FaultKind::kLatency) {
        std::this_thread::sleep_for(std::chrono::milliseconds(f.latency_ms));
      }
    }
    for (const auto& f : faults) {
      if (f.kind == FaultKind::kRateLimit) {
        throw Problem(429, "rate_limited", "Too many requests", "Retry after the time given",
                      {{"retry_after", f.retry_after}});
      }
      if (f.kind == FaultKind::kStatus) {
        throw f.status == 503
            ? Problem(503, "service_unavailable", "Service unavailable",
                      "The provincial system is temporarily unavailable", {{"retry_after", 1}})
            : Problem(f.status, f.status >= 500 ? "internal_error" : "invalid_request", "Injected failure");
      }
    }
    Call call;
    if (access == Access::kKiosk) {
      call.device_id = authenticate(req, call.auth_method);
    }
    if (!key.empty() && !is_idempotency_key(key)) {
      throw Problem::invalid_request("Idempotency-Key", "header must be 8 to 128 printable ASCII characters");
    }
    const bool idempotent = !key.empty() && req.method == "POST";
    const std::string fingerprint = req.method + " " + req.path + " " + sha256_hex(req.body);
    const std::lock_guard lock(state_mutex_);
    StateStore::Transaction tx(store_);
    std::optional<StateStore::StoredReply> stored;
    if (idempotent) {
      stored = store_.idempotent_reply(call.device_id, key);
    }
    if (stored) {
      if (stored->fingerprint != fingerprint) {
        throw Problem(422, "idempotency_key_reused", "Idempotency key reused",
                      "This key was used for a different request");
      }
      out = Outcome{stored->status, stored->content_type, stored->body, {}};
      replayed = true;
    } else {
      out = handler(req, call);
      if (idempotent && out.status >= 200 && out.status < 300) {
        store_.put_idempotent_reply(call.device_id, key,
                                    {fingerprint, out.status, out.content_type, out.body});
      }
    }
    tx.commit();
    for (const auto& f : faults) {
      if (f.kind == FaultKind::kTruncate) {
        out.body.resize(std::max<std::size_t>(1, out.body.size() / 2));
      }
    }
    const bool drop =
        std::any_of(faults.begin(), faults.end(), [](const Fault& f) { return f.kind == FaultKind::kDrop; });
    if (drop) {
      res.status = out.status;
      for (const auto& [name, value] : out.headers) {
        res.set_header(name, value);
      }
      // Announce the whole body, send half, then close: the work is done but
      // the kiosk never sees the answer.
      auto body = std::make_shared<std::string>(std::move(out.body));
      res.set_content_provider(body->size(), out.content_type,
                               [body](std::size_t, std::size_t, httplib::DataSink& sink) {
                                 sink.write(body->data(), body->size() / 2);
                                 return false;
                               });
      record(req, 0, key, applied, replayed);
      return;
    }
  } catch (const Problem& p) {
    out = problem_outcome(p, req.path);
  } catch (const StoreError&) {
    out =
        problem_outcome(Problem(500, "internal_error", "Internal error", "the state store failed"), req.path);
  } catch (const nlohmann::json::exception&) {
    out = problem_outcome(Problem(500, "internal_error", "Internal error"), req.path);
  }
  res.status = out.status;
  for (const auto& [name, value] : out.headers) {
    res.set_header(name, value);
  }
  res.set_content(out.body, out.content_type);
  record(req, out.status, key, applied, replayed);
}

void SandboxServer::v1(const char* method, const char* pattern, Access access, Handler handler) {
  auto fn = [this, access, handler = std::move(handler)](
                const httplib::Request& req, httplib::Response& res) { dispatch(req, res, access, handler); };
  const std::string m = method;
  if (m == "GET") {
    server_->Get(pattern, fn);
  } else if (m == "POST") {
    server_->Post(pattern, fn);
  } else if (m == "PUT") {
    server_->Put(pattern, fn);
  } else {
    server_->Delete(pattern, fn);
  }
}

void SandboxServer::admin(const char* method, const char* pattern,
                          std::function<Outcome(const httplib::Request&)> handler) {
  auto fn = [handler = std::move(handler)](const httplib::Request& req, httplib::Response& res) {
    Outcome out;
    try {
      if (!is_loopback(req.remote_addr)) {
        throw Problem(403, "forbidden", "Forbidden", "The sandbox admin paths answer loopback clients only");
      }
      out = handler(req);
    } catch (const Problem& p) {
      out = problem_outcome(p, req.path);
    }
    res.status = out.status;
    res.set_content(out.body, out.content_type);
  };
  const std::string m = method;
  if (m == "GET") {
    server_->Get(pattern, fn);
  } else if (m == "PUT") {
    server_->Put(pattern, fn);
  } else {
    server_->Delete(pattern, fn);
  }
}

void SandboxServer::routes() {
  using R = const httplib::Request&;
  const auto m = [](R req, std::size_t i) { return req.matches[static_cast<int>(i)].str(); };
  const auto q = [](R req, const char* name) { return req.get_param_value(name); };

  v1("GET", "/v1/health", Access::kPublic, [](R, Call&) {
    return json_outcome(200, {{"status", "ok"}, {"time", rfc3339_local(std::chrono::system_clock::now())}});
  });
  v1("GET", "/v1/kiosk/identity", Access::kKiosk, [](R req, Call& call) {
    json j{{"device_id", call.device_id},
           {"authentication", call.auth_method},
           {"certificate_subject", nullptr},
           {"certificate_issuer", nullptr}};
    if (call.auth_method == "mutual_tls") {
      X509* peer = SSL_get0_peer_certificate(req.ssl);
      j["certificate_subject"] = name_text(X509_get_subject_name(peer));
      j["certificate_issuer"] = name_text(X509_get_issuer_name(peer));
    }
    return json_outcome(200, j);
  });
  v1("GET", R"(/v1/citizens/([^/]+))", Access::kKiosk,
     [this, m](R req, Call&) { return reply(service_.citizen(m(req, 1))); });
  v1("GET", R"(/v1/citizens/([^/]+)/vault)", Access::kKiosk, [this, m, q](R req, Call&) {
    return reply(
        service_.vault(m(req, 1), q(req, "q"), q(req, "catalog_code"), q(req, "kind"), q(req, "status")));
  });
  v1("GET", R"(/v1/citizens/([^/]+)/vault/([^/]+))", Access::kKiosk,
     [this, m](R req, Call&) { return reply(service_.vault_item(m(req, 1), m(req, 2))); });
  v1("GET", R"(/v1/citizens/([^/]+)/vault/([^/]+)/file)", Access::kKiosk, [this, m](R req, Call&) {
    FileReply file = service_.vault_file(m(req, 1), m(req, 2));
    Outcome out{200, "application/pdf", std::move(file.bytes), {}};
    out.headers.emplace_back("Content-Sha256", file.sha256);
    out.headers.emplace_back("Content-Disposition", "inline; filename=\"" + file.name + "\"");
    return out;
  });
  v1("POST", R"(/v1/citizens/([^/]+)/vault/([^/]+)/feedback)", Access::kKiosk, [this, m](R req, Call&) {
    require_json_content(req);
    return reply(service_.report(m(req, 1), m(req, 2), parse_feedback_body(req.body)));
  });
  v1("GET", R"(/v1/citizens/([^/]+)/notification-contact)", Access::kKiosk,
     [this, m](R req, Call&) { return reply(service_.contact(m(req, 1))); });
  v1("PUT", R"(/v1/citizens/([^/]+)/notification-contact)", Access::kKiosk, [this, m](R req, Call&) {
    require_json_content(req);
    return reply(service_.put_contact(m(req, 1), parse_contact_body(req.body)));
  });
  v1("POST", "/v1/ratings", Access::kKiosk, [this](R req, Call& call) {
    require_json_content(req);
    return reply(service_.rate(parse_rating_body(req.body), call.device_id));
  });
  v1("GET", "/v1/ratings", Access::kKiosk, [this](R, Call&) { return reply(service_.ratings()); });
  v1("GET", R"(/v1/citizens/([^/]+)/dossiers)", Access::kKiosk,
     [this, m](R req, Call&) { return reply(service_.dossiers_of(m(req, 1))); });
  v1("GET", R"(/v1/citizens/([^/]+)/procedures/([^/]+)/suggestions)", Access::kKiosk,
     [this, m](R req, Call&) { return reply(service_.suggestions(m(req, 1), m(req, 2))); });
  v1("GET", "/v1/catalog", Access::kPublic, [this](R, Call&) { return reply(service_.catalog()); });
  v1("GET", "/v1/procedures", Access::kPublic,
     [this, q](R req, Call&) { return reply(service_.procedures(q(req, "q"), q(req, "field"))); });
  v1("GET", R"(/v1/procedures/([^/]+))", Access::kPublic,
     [this, m](R req, Call&) { return reply(service_.procedure(m(req, 1))); });
  v1("GET", R"(/v1/procedures/([^/]+)/agencies)", Access::kPublic,
     [this, m](R req, Call&) { return reply(service_.agencies(m(req, 1))); });
  v1("GET", "/v1/delivery-methods", Access::kPublic,
     [this](R, Call&) { return reply(service_.delivery_methods()); });
  v1("POST", "/v1/dossiers", Access::kKiosk, [this](R req, Call&) {
    if (!req.has_header("Idempotency-Key")) {
      throw Problem(400, "idempotency_key_required", "Idempotency-Key required",
                    "Creating a dossier needs an Idempotency-Key header");
    }
    require_json_content(req);
    return reply(service_.create_dossier(parse_dossier_body(req.body)));
  });
  v1("GET", R"(/v1/dossiers/([^/]+))", Access::kKiosk,
     [this, m](R req, Call&) { return reply(service_.dossier(m(req, 1))); });
  v1("PUT", R"(/v1/dossiers/([^/]+)/components/([^/]+)/vault-item)", Access::kKiosk, [this, m](R req, Call&) {
    require_json_content(req);
    return reply(service_.attach_vault_item(m(req, 1), m(req, 2), parse_vault_attachment_body(req.body)));
  });
  v1("DELETE", R"(/v1/dossiers/([^/]+)/components/([^/]+)/attachment)", Access::kKiosk,
     [this, m](R req, Call&) { return reply(service_.detach(m(req, 1), m(req, 2))); });
  v1("POST", R"(/v1/dossiers/([^/]+)/components/([^/]+)/uploads)", Access::kKiosk, [this, m](R req, Call&) {
    require_json_content(req);
    return reply(service_.create_upload(m(req, 1), m(req, 2), parse_upload_body(req.body)));
  });
  v1("GET", R"(/v1/uploads/([^/]+))", Access::kKiosk,
     [this, m](R req, Call&) { return reply(service_.upload(m(req, 1))); });
  v1("PUT", R"(/v1/uploads/([^/]+))", Access::kKiosk, [this, m](R req, Call&) {
    const std::string chunk_sha = req.get_header_value("Chunk-Sha256");
    if (!is_sha256_hex(chunk_sha)) {
      throw Problem::invalid_request("Chunk-Sha256", "header must be 64 lowercase hex digits");
    }
    return reply(service_.put_chunk(m(req, 1), parse_offset(req.get_header_value("Upload-Offset")), chunk_sha,
                                    req.body));
  });
  v1("POST", R"(/v1/uploads/([^/]+)/finish)", Access::kKiosk, [this, m](R req, Call&) {
    require_json_content(req);
    return reply(service_.finish_upload(m(req, 1), parse_finish_body(req.body)));
  });
  v1("POST", R"(/v1/dossiers/([^/]+)/submit)", Access::kKiosk,
     [this, m](R req, Call&) { return reply(service_.submit(m(req, 1))); });
  v1("GET", R"(/v1/dossier-status/([^/]+))", Access::kKiosk,
     [this, m](R req, Call&) { return reply(service_.status(m(req, 1))); });

  admin("GET", "/_sandbox/faults", [this](R) {
    const std::lock_guard lock(admin_mutex_);
    return json_outcome(200, faults_to_json(faults_));
  });
  admin("PUT", "/_sandbox/faults", [this](R req) {
    auto faults = faults_from_json(parse_json_object(req.body));
    const std::lock_guard lock(admin_mutex_);
    faults_ = std::move(faults);
    return json_outcome(200, faults_to_json(faults_));
  });
  admin("DELETE", "/_sandbox/faults", [this](R) {
    const std::lock_guard lock(admin_mutex_);
    faults_.clear();
    return json_outcome(200, faults_to_json(faults_));
  });
  admin("GET", "/_sandbox/requests", [this](R) {
    const std::lock_guard lock(admin_mutex_);
    return json_outcome(200, {{"requests", json(journal_)}});
  });
  admin("DELETE", "/_sandbox/requests", [this](R) {
    const std::lock_guard lock(admin_mutex_);
    journal_.clear();
    return json_outcome(200, {{"requests", json::array()}});
  });
}

}  // namespace kiosk::sandbox
