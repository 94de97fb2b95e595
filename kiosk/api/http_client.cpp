#include "kiosk/api/http_client.hpp"

#include <curl/curl.h>
#include <malloc.h>
#include <openssl/crypto.h>
#include <openssl/ssl.h>
#include <openssl/store.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdlib>
#include <cstring>
#include <mutex>

#include "kiosk/api/contract.hpp"

namespace kiosk::api {
namespace {

// Every block libcurl frees is zeroed first: its parsed URL, request line
// and receive buffer carry ID numbers and names (GET /v1/citizens/<ID>/vault
// and the vault's JSON), and the kiosk's zeroing operator delete never sees
// memory that C code takes from malloc.
void zeroing_free(void* block) {
  if (block != nullptr) {
    OPENSSL_cleanse(block, malloc_usable_size(block));
    std::free(block);
  }
}

void* zeroing_realloc(void* block, std::size_t size) {
  if (block == nullptr) {
    return std::malloc(size);
  }
  // Moved by hand so the old block is zeroed too.
  void* moved = std::malloc(size == 0 ? 1 : size);
  if (moved != nullptr) {
    std::memcpy(moved, block, std::min(size, malloc_usable_size(block)));
    zeroing_free(block);
  }
  return moved;
}

char* zeroing_strdup(const char* text) {
  const std::size_t size = std::strlen(text) + 1;
  auto* copy = static_cast<char*>(std::malloc(size));
  if (copy != nullptr) {
    std::memcpy(copy, text, size);
  }
  return copy;
}

void* plain_malloc(std::size_t size) {
  return std::malloc(size);
}

void* plain_calloc(std::size_t count, std::size_t size) {
  return std::calloc(count, size);
}

void global_init() {
  static std::once_flag once;
  std::call_once(once, [] {
    curl_global_init_mem(CURL_GLOBAL_DEFAULT, plain_malloc, zeroing_free, zeroing_realloc, zeroing_strdup,
                         plain_calloc);
  });
}

struct Sink {
  std::string* body = nullptr;
  std::size_t cap = 0;
  bool overflow = false;
};

std::size_t on_body(char* data, std::size_t size, std::size_t count, void* user) {
  auto* sink = static_cast<Sink*>(user);
  const std::size_t n = size * count;
  if (sink->body->size() + n > sink->cap) {
    sink->overflow = true;
    return 0;  // aborts the transfer with CURLE_WRITE_ERROR
  }
  sink->body->append(data, n);
  return n;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front())) != 0) {
    s.remove_prefix(1);
  }
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back())) != 0) {
    s.remove_suffix(1);
  }
  return s;
}

bool header_is(std::string_view line, std::string_view name) {
  if (line.size() <= name.size() || line[name.size()] != ':') {
    return false;
  }
  return std::equal(name.begin(), name.end(), line.begin(), [](char a, char b) {
    return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b));
  });
}

std::size_t on_header(char* data, std::size_t size, std::size_t count, void* user) {
  auto* response = static_cast<HttpResponse*>(user);
  const std::string_view line(data, size * count);
  const auto value = [&](std::string_view name) { return trim(line.substr(name.size() + 1)); };
  if (header_is(line, "retry-after")) {
    const auto v = value("retry-after");
    std::uint32_t seconds = 0;
    const auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), seconds);
    if (ec == std::errc() && end == v.data() + v.size()) {
      response->retry_after = seconds;
    }
  } else if (header_is(line, "content-type")) {
    response->content_type = std::string(value("content-type").substr(0, 128));
  } else if (header_is(line, "content-sha256")) {
    response->content_sha256 = std::string(value("content-sha256").substr(0, 128));
  }
  return size * count;
}

Error transport_error(CURLcode code, const Sink& sink) {
  std::string detail = std::string("curl: ") + curl_easy_strerror(code);
  if (sink.overflow) {
    return {ErrorCode::BadResponse, "response larger than allowed"};
  }
  switch (code) {
    case CURLE_OPERATION_TIMEDOUT:
      return {ErrorCode::Timeout, detail};
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_RESOLVE_PROXY:
    case CURLE_COULDNT_CONNECT:
    case CURLE_SEND_ERROR:
    case CURLE_RECV_ERROR:
    case CURLE_GOT_NOTHING:
    case CURLE_PARTIAL_FILE:
    case CURLE_HTTP2:
    case CURLE_HTTP2_STREAM:
    case CURLE_SSL_CONNECT_ERROR:
      return {ErrorCode::NetworkDown, detail};
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_CIPHER:
      return {ErrorCode::ServerRefused, detail};
    case CURLE_BAD_CONTENT_ENCODING:
    case CURLE_WEIRD_SERVER_REPLY:
    case CURLE_UNSUPPORTED_PROTOCOL:
      return {ErrorCode::BadResponse, detail};
    default:
      return {ErrorCode::NetworkDown, detail};
  }
}

struct PkeyDeleter {
  void operator()(EVP_PKEY* key) const { EVP_PKEY_free(key); }
};
struct StoreDeleter {
  void operator()(OSSL_STORE_CTX* store) const { OSSL_STORE_close(store); }
};
struct StoreInfoDeleter {
  void operator()(OSSL_STORE_INFO* info) const { OSSL_STORE_INFO_free(info); }
};

std::unique_ptr<EVP_PKEY, PkeyDeleter> load_key(const std::string& uri) {
  std::unique_ptr<OSSL_STORE_CTX, StoreDeleter> store(
      OSSL_STORE_open(uri.c_str(), nullptr, nullptr, nullptr, nullptr));
  if (!store) {
    return nullptr;
  }
  OSSL_STORE_expect(store.get(), OSSL_STORE_INFO_PKEY);
  while (OSSL_STORE_eof(store.get()) == 0) {
    std::unique_ptr<OSSL_STORE_INFO, StoreInfoDeleter> info(OSSL_STORE_load(store.get()));
    if (!info) {
      if (OSSL_STORE_error(store.get()) != 0) {
        return nullptr;
      }
      continue;
    }
    if (OSSL_STORE_INFO_get_type(info.get()) == OSSL_STORE_INFO_PKEY) {
      return std::unique_ptr<EVP_PKEY, PkeyDeleter>(OSSL_STORE_INFO_get1_PKEY(info.get()));
    }
  }
  return nullptr;
}

}  // namespace

struct DeviceKey {
  std::string certificate_chain;
  std::unique_ptr<EVP_PKEY, PkeyDeleter> key;
};

namespace {

// Gives OpenSSL the device certificate and the key curl cannot load itself.
CURLcode use_device_key(CURL*, void* ssl_ctx, void* user) {
  const auto* device = static_cast<const DeviceKey*>(user);
  auto* ctx = static_cast<SSL_CTX*>(ssl_ctx);
  if (SSL_CTX_use_certificate_chain_file(ctx, device->certificate_chain.c_str()) != 1 ||
      SSL_CTX_use_PrivateKey(ctx, device->key.get()) != 1 || SSL_CTX_check_private_key(ctx) != 1) {
    return CURLE_SSL_CERTPROBLEM;
  }
  return CURLE_OK;
}

}  // namespace

struct HttpClient::Handle {
  CURL* curl = curl_easy_init();
  ~Handle() { curl_easy_cleanup(curl); }
};

HttpClient::HttpClient(ApiConfig config) : config_(std::move(config)) {
  global_init();
  while (!config_.base_url.empty() && config_.base_url.back() == '/') {
    config_.base_url.pop_back();
  }
  if (!config_.tls.client_key_uri.empty()) {
    auto key = load_key(config_.tls.client_key_uri);
    if (key) {
      device_key_ = std::make_shared<DeviceKey>(DeviceKey{config_.tls.client_cert, std::move(key)});
    }
  }
}

HttpClient::~HttpClient() = default;

std::unique_ptr<HttpClient::Handle> HttpClient::acquire() {
  {
    std::lock_guard lock(mutex_);
    if (!idle_.empty()) {
      auto handle = std::move(idle_.back());
      idle_.pop_back();
      return handle;
    }
  }
  return std::make_unique<Handle>();
}

void HttpClient::release(std::unique_ptr<Handle> handle) {
  // Frees the request's options (the URL among them) through the zeroing
  // allocator at once, and keeps the open connection and TLS session.
  curl_easy_reset(handle->curl);
  std::lock_guard lock(mutex_);
  idle_.push_back(std::move(handle));
}

void HttpClient::close_idle() {
  std::vector<std::unique_ptr<Handle>> closing;
  {
    std::lock_guard lock(mutex_);
    closing.swap(idle_);
  }
}

Result<HttpResponse> HttpClient::exchange(const HttpRequest& request) {
  auto handle = acquire();
  CURL* curl = handle->curl;
  if (curl == nullptr) {
    return Error{ErrorCode::Internal, "curl_easy_init failed"};
  }

  HttpResponse response;
  Sink sink{&response.body, request.max_response != 0 ? request.max_response : config_.max_json_body};
  const std::string url = config_.base_url + request.path;
  const auto timeout = request.timeout.count() != 0 ? request.timeout : config_.call_timeout;

  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(curl, CURLOPT_HTTP_VERSION, static_cast<long>(CURL_HTTP_VERSION_2TLS));
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(config_.connect_timeout.count()));
  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, static_cast<long>(timeout.count()));
  curl_easy_setopt(curl, CURLOPT_TCP_KEEPALIVE, 1L);
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, on_body);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &sink);
  curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, on_header);
  curl_easy_setopt(curl, CURLOPT_HEADERDATA, &response);
  // Only the configured provincial CA is trusted, never the system store.
  curl_easy_setopt(curl, CURLOPT_CAPATH, nullptr);
  if (!config_.tls.ca_bundle.empty()) {
    curl_easy_setopt(curl, CURLOPT_CAINFO, config_.tls.ca_bundle.c_str());
  } else {
    curl_easy_setopt(curl, CURLOPT_CAINFO, nullptr);
  }
  if (!config_.tls.client_key_uri.empty()) {
    if (!device_key_) {
      release(std::move(handle));
      return Error{ErrorCode::Internal, "device key could not be loaded from its OSSL_STORE URI"};
    }
    curl_easy_setopt(curl, CURLOPT_SSL_CTX_FUNCTION, use_device_key);
    curl_easy_setopt(curl, CURLOPT_SSL_CTX_DATA, device_key_.get());
  } else if (!config_.tls.client_cert.empty()) {
    curl_easy_setopt(curl, CURLOPT_SSLCERT, config_.tls.client_cert.c_str());
    curl_easy_setopt(curl, CURLOPT_SSLKEY, config_.tls.client_key.c_str());
  }

  curl_slist* headers = nullptr;
  std::vector<std::string> lines;
  lines.reserve(request.headers.size() + 3);
  if (!config_.bearer_token.empty()) {
    lines.push_back("Authorization: Bearer " + config_.bearer_token);
  }
  for (const auto& [name, value] : request.headers) {
    lines.push_back(name);
    lines.back().append(": ").append(value);
  }
  lines.emplace_back("Expect:");  // no 100-continue round trip before bodies
  for (const auto& line : lines) {
    headers = curl_slist_append(headers, line.c_str());
  }
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);

  if (request.method == "GET") {
    curl_easy_setopt(curl, CURLOPT_HTTPGET, 1L);
  } else {
    curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
    curl_easy_setopt(curl, CURLOPT_POSTFIELDS,
                     request.body.empty() ? "" : reinterpret_cast<const char*>(request.body.data()));
    if (request.method != "POST") {
      curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, request.method.c_str());
    }
  }

  const CURLcode code = curl_easy_perform(curl);
  curl_slist_free_all(headers);
  if (code != CURLE_OK) {
    const Error error = transport_error(code, sink);
    release(std::move(handle));
    return error;
  }
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &response.status);
  release(std::move(handle));
  return response;
}

Error http_error(const HttpResponse& response) {
  const auto problem = contract::parse_problem(response.body);
  std::string detail = "HTTP " + std::to_string(response.status);
  if (problem) {
    detail += " " + problem->code;
  }
  if (response.status == 429 || response.status == 503) {
    return {ErrorCode::ServerBusy, detail};
  }
  if (response.status >= 500) {
    return {ErrorCode::ServerError, detail};
  }
  if (response.status >= 400) {
    return {ErrorCode::ServerRefused, detail};
  }
  return {ErrorCode::BadResponse, detail};
}

}  // namespace kiosk::api
