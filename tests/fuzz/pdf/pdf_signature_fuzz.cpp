// Untrusted PDFs reach the structure reader (before signing a scan or an
// upload) and the signature verifier (vault preview).
#include <cstddef>
#include <cstdint>
#include <span>

#include "drivers/pdf/pdf_revision.hpp"
#include "drivers/pdf/signature_verifier.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const kiosk::pdf::TrustStore trust = kiosk::pdf::TrustStore::empty();
  (void)kiosk::pdf::verify_pdf_signature(std::span<const std::uint8_t>(data, size), trust);
  (void)kiosk::pdf::read_last_revision(data, size);
  return 0;
}
