#pragma once

#include <string>
#include <vector>

#include "drivers/pdf/openssl_ptr.hpp"
#include "drivers/pdf/pdf_error.hpp"

namespace kiosk::pdf {

// Who signs a digitized paper: the kiosk's device key and its certificate
// chain (leaf first). The key never leaves the EVP_PKEY, so a key held by a
// provider (TPM, PKCS#11 token) works the same as a file key.
struct SignerIdentity {
  ossl::Pkey key;
  ossl::X509Ptr certificate;
  std::vector<ossl::X509Ptr> chain;  // intermediates, without the leaf

  // `key_uri`: a path to a PEM/DER private key or any OSSL_STORE URI a loaded
  // provider understands (file:/..., pkcs11:...). `certificate_pem`: path of a
  // PEM file with the leaf certificate first, then its intermediates.
  static PdfResult<SignerIdentity> load(const std::string& key_uri, const std::string& certificate_pem);
};

}  // namespace kiosk::pdf
