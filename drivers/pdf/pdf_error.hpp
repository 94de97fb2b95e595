#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <variant>

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
class PdfResult {
 public:
  PdfResult(T value) : state_(std::move(value)) {}         // NOLINT(google-explicit-constructor)
  PdfResult(PdfError error) : state_(std::move(error)) {}  // NOLINT(google-explicit-constructor)

  [[nodiscard]] bool ok() const { return std::holds_alternative<T>(state_); }
  explicit operator bool() const { return ok(); }

  T& value() & { return std::get<T>(state_); }
  const T& value() const& { return std::get<T>(state_); }
  T&& value() && { return std::get<T>(std::move(state_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

  [[nodiscard]] const PdfError& error() const { return std::get<PdfError>(state_); }

 private:
  std::variant<T, PdfError> state_;
};

}  // namespace kiosk::pdf
