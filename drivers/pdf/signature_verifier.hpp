#pragma once

// Checks the signature of a vault or digitized PDF, for the vault preview:
//
//   auto trust = TrustStore::from_pem_file("/etc/kiosk/vault-ca.pem");
//   auto check = verify_pdf_signature(bytes, *trust);
//   if (check && check->valid && check->covers_whole_document) show(check->signer_common_name);

#include <chrono>
#include <cstdint>
#include <optional>
#include <span>
#include <string>

#include "drivers/pdf/openssl_ptr.hpp"
#include "drivers/pdf/pdf_error.hpp"

namespace kiosk::pdf {

// Certificates a signer must chain to. Any extended key usage is accepted:
// device and staff certificates are not e-mail certificates.
class TrustStore {
 public:
  static PdfResult<TrustStore> from_pem_file(const std::string& path);
  static TrustStore empty();
  [[nodiscard]] X509_STORE* get() const { return store_.get(); }

 private:
  explicit TrustStore(ossl::X509Store store) : store_(std::move(store)) {}
  ossl::X509Store store_;
};

enum class SignatureProblem {
  None,
  Unsigned,            // no signed signature field
  MalformedSignature,  // byte range, /Contents or the CMS in it unusable
  Tampered,            // CMS does not match the signed bytes
  UntrustedSigner,     // intact, but not from a trusted certificate
};

struct SignatureCheck {
  bool valid = false;                  // intact and signer trusted
  bool covers_whole_document = false;  // nothing was appended after signing
  std::string signer_common_name;
  std::optional<std::chrono::system_clock::time_point> signing_time;  // from /M
  std::string sub_filter;                                             // e.g. /ETSI.CAdES.detached
  int signature_count = 0;                                            // signature fields with a value
  SignatureProblem problem = SignatureProblem::Unsigned;
  std::string detail;  // for technicians
};

// Checks the signature that covers the most bytes (the latest one).
// An unparseable file is an error; an unsigned or bad signature is a check
// result with its problem set.
PdfResult<SignatureCheck> verify_pdf_signature(std::span<const std::uint8_t> pdf, const TrustStore& trust);

// "D:YYYYMMDDHHmmSS+HH'mm'" with optional trailing parts.
std::optional<std::chrono::system_clock::time_point> parse_pdf_date(std::string_view text);

}  // namespace kiosk::pdf
