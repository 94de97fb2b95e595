#include "drivers/pdf/pdf_error.hpp"

namespace kiosk::pdf {

std::string_view pdf_error_name(PdfErrorCode code) {
  switch (code) {
    case PdfErrorCode::KeyUnreadable:
      return "key_unreadable";
    case PdfErrorCode::CertificateUnreadable:
      return "certificate_unreadable";
    case PdfErrorCode::KeyCertificateMismatch:
      return "key_certificate_mismatch";
    case PdfErrorCode::FontUnavailable:
      return "font_unavailable";
    case PdfErrorCode::MalformedPdf:
      return "malformed_pdf";
    case PdfErrorCode::EncryptedPdf:
      return "encrypted_pdf";
    case PdfErrorCode::InvalidImage:
      return "invalid_image";
    case PdfErrorCode::SigningFailed:
      return "signing_failed";
    case PdfErrorCode::SignatureTooLarge:
      return "signature_too_large";
    case PdfErrorCode::Io:
      return "io";
  }
  return "unknown";
}

}  // namespace kiosk::pdf
