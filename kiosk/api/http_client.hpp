#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "kiosk/api/api_config.hpp"
#include "kiosk/core/result.hpp"

namespace kiosk::api {

// The device key as loaded through OSSL_STORE, shared by every connection.
struct DeviceKey;

struct HttpRequest {
  std::string method = "GET";
  std::string path;  // with query, appended to the base URL
  std::vector<std::pair<std::string, std::string>> headers{};
  std::span<const std::uint8_t> body{};
  std::chrono::milliseconds timeout{0};  // 0: the configured call timeout
  std::size_t max_response = 0;          // 0: the configured JSON cap
};

struct HttpResponse {
  long status = 0;
  std::string body;
  std::string content_type;
  std::string content_sha256;
  std::optional<std::uint32_t> retry_after;
};

// One HTTP exchange at a time per libcurl handle; handles (and with them the
// open connections, TLS sessions and HTTP/2 streams) are pooled and reused.
class HttpClient {
 public:
  explicit HttpClient(ApiConfig config);
  ~HttpClient();
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  // One attempt. Transport failures are Errors; every HTTP status is a response.
  Result<HttpResponse> exchange(const HttpRequest& request);

  [[nodiscard]] const ApiConfig& config() const { return config_; }

  // Closes the idle handles with their connections. libcurl keeps the parsed
  // path of a handle's last request (which may carry an ID number or a
  // dossier code) until the handle is used again or closed.
  void close_idle();

 private:
  struct Handle;
  std::unique_ptr<Handle> acquire();
  void release(std::unique_ptr<Handle> handle);

  ApiConfig config_;
  std::shared_ptr<DeviceKey> device_key_;
  std::mutex mutex_;
  std::vector<std::unique_ptr<Handle>> idle_;
};

// HTTP answers outside 2xx as the kiosk's error codes.
Error http_error(const HttpResponse& response);

}  // namespace kiosk::api
