#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include <openssl/x509.h>

#include "drivers/pdf/pdf_error.hpp"
#include "drivers/pdf/signer_identity.hpp"

namespace kiosk::pdf {

// CAdES detached SignedData over `content` as PAdES baseline B-B wants it:
// SHA-256, signer certificate and chain included, signed attributes
// content-type, message-digest and ESS signing-certificate-v2, and no
// signing-time attribute (the signing time lives in the PDF's /M).
PdfResult<std::vector<std::uint8_t>> sign_cades_detached(const SignerIdentity& signer,
                                                         std::span<const std::uint8_t> content);

// DER size that sign_cades_detached will not exceed for this signer.
std::size_t cades_size_bound(const SignerIdentity& signer);

struct CmsCheck {
  bool well_formed = false;  // a SignedData with exactly one signer
  bool intact = false;       // the signature and message digest match `content`
  bool trusted = false;      // and the signer certificate chains to the trust store
  std::string signer_common_name;
  std::optional<std::string> problem;  // why it is not intact or not trusted
};

// `trust` may be null: then only integrity is checked and `trusted` stays false.
CmsCheck check_cades_detached(std::span<const std::uint8_t> cms_der, std::span<const std::uint8_t> content,
                              X509_STORE* trust);

}  // namespace kiosk::pdf
