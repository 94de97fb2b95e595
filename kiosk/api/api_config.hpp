#pragma once

#include <chrono>
#include <cstddef>
#include <string>

namespace kiosk::api {

struct TlsConfig {
  std::string ca_bundle;    // PEM file of the provincial CA; the only trust anchors used
  std::string client_cert;  // PEM device certificate for mutual TLS
  std::string client_key;   // PEM device key file
  // Or the device key by OSSL_STORE URI (file:, or a provider's URI such as a
  // TPM handle through tpm2-openssl); used instead of client_key when set.
  std::string client_key_uri;
};

struct RetryPolicy {
  int max_attempts = 4;  // including the first
  std::chrono::milliseconds base_delay{100};
  std::chrono::milliseconds max_delay{4000};  // a longer Retry-After is handed back as ServerBusy
};

struct ApiConfig {
  std::string base_url;      // https://api.example.gov.vn or http://127.0.0.1:PORT
  std::string bearer_token;  // development servers only; empty with mutual TLS
  TlsConfig tls;
  std::chrono::milliseconds connect_timeout{3000};
  std::chrono::milliseconds call_timeout{10000};
  std::chrono::milliseconds transfer_timeout{60000};  // PDF downloads and upload chunks
  RetryPolicy retry;
  std::size_t max_json_body = std::size_t{4} << 20;
  std::size_t max_pdf = std::size_t{32} << 20;
  std::size_t upload_chunk = std::size_t{1} << 20;  // lowered to the server's chunk_size_max
};

}  // namespace kiosk::api
