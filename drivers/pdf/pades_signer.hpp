#pragma once

// PAdES baseline B-B signatures for digitized papers (DOMAIN rule 5).
//
//   auto signer = SignerIdentity::load("/etc/kiosk/device.key", "/etc/kiosk/device-chain.pem");
//   auto look = digitized_by_appearance("Kiosk TTHC-01", "Nguyễn Văn A", now);
//   auto signed_pdf = sign_pdf(pdf_bytes, *signer, look, now);
//
// sign_pdf appends one incremental update to the input: an AcroForm signature
// field whose widget shows `appearance` at the top-left of the first page, and
// a /Sig dictionary (/Filter /Adobe.PPKLite /SubFilter /ETSI.CAdES.detached)
// whose /ByteRange covers the whole file except the /Contents hex, which holds
// a detached CMS SignedData (SHA-256, ESS signing-certificate-v2). The input
// bytes stay untouched unless qpdf had to repair the file first.

#include <chrono>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "drivers/pdf/pdf_error.hpp"
#include "drivers/pdf/signer_identity.hpp"

namespace kiosk::pdf {

struct SignatureAppearance {
  std::vector<std::string> lines;  // UTF-8, precomposed (NFC); drawn top to bottom
  std::string reason;              // /Reason of the signature, may be empty
  std::string font_path;           // TrueType font; empty: Noto Sans, else DejaVu Sans
};

// The block DOMAIN rule 5 asks for: who digitized the paper, and when (in
// Vietnam time, UTC+7). `staff_name` is empty when no staff member assists.
SignatureAppearance digitized_by_appearance(std::string_view device_name, std::string_view staff_name,
                                            std::chrono::system_clock::time_point when);

PdfResult<std::vector<std::uint8_t>> sign_pdf(std::span<const std::uint8_t> pdf, const SignerIdentity& signer,
                                              const SignatureAppearance& appearance,
                                              std::chrono::system_clock::time_point signing_time);

}  // namespace kiosk::pdf
