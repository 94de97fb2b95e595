#pragma once

#include <string>
#include <string_view>

#include "kiosk/core/result.hpp"

namespace kiosk::pdf {

// What can go wrong while building, signing or checking a PDF. Callers map
// these onto the session's error codes; `detail` is for technicians and never
// holds personal data.
enum class PdfErrorCode {
  KeyUnreadable,           // key file/URI missing, locked or not a private key
  CertificateUnreadable,   // certificate chain file missing or not PEM
  KeyCertificateMismatch,  // the certificate is not the key's
  FontUnavailable,         // no usable TrueType font for the visible block
  MalformedPdf,            // input is not a PDF we can parse
  EncryptedPdf,            // encrypted input cannot take an incremental signature
  InvalidImage,            // page image with impossible size or format
  SigningFailed,           // the crypto library refused to sign
  SignatureTooLarge,       // CMS does not fit the space reserved for it
  Io,                      // file could not be read or written
};

std::string_view pdf_error_name(PdfErrorCode code);

struct PdfError {
  PdfErrorCode code = PdfErrorCode::MalformedPdf;
  std::string detail;
};

// A value or the PdfError that prevented it.
template <class T>
using PdfResult = Result<T, PdfError>;

}  // namespace kiosk::pdf
