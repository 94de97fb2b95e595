#pragma once

#include <string>
#include <vector>

#include "sandbox/openssl_handles.hpp"

namespace kiosk::sandbox {

enum class KeyType { kRsa2048, kEcP256 };

enum class CertRole { kCa, kTlsServer, kTlsClient, kDocumentSigner };

struct CertRequest {
  std::string common_name;
  std::string organization;
  CertRole role = CertRole::kCa;
  std::vector<std::string> subject_alt_names;  // "DNS:localhost", "IP:127.0.0.1"
  int valid_days = 3650;
  // Document signers sign papers issued decades ago (birth certificates);
  // their certificates then have to be valid from before that.
  bool valid_since_1980 = false;
};

struct Issued {
  ossl::Pkey key;
  ossl::X509Ptr cert;
};

// Test certificates for the demo data and the sandbox's TLS: the keys are
// made fresh on every build and never leave the build tree.
ossl::Pkey generate_key(KeyType type);
// Self-signed when `issuer` is null.
Issued issue(const CertRequest& request, KeyType type, const Issued* issuer);

void write_cert_pem(const X509& cert, const std::string& path);
void write_key_pem(const EVP_PKEY& key, const std::string& path);
std::string subject_of(const X509& cert);

}  // namespace kiosk::sandbox
