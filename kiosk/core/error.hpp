#pragma once

#include <string>
#include <string_view>

namespace kiosk {

// Everything a driver or the provincial API can report, reduced to what the
// person at the kiosk needs explained. Each code has a message in the
// catalogs under "error.<name>".
enum class ErrorCode {
  CardRemoved,
  CardUnreadable,
  CardAccessDenied,  // BAC/PACE failed: MRZ inputs do not match the chip
  CardNotGenuine,    // passive, active or chip authentication failed
  CardUntrusted,     // document signer not from a trusted CSCA
  QrUnreadable,
  QrNotCccd,
  QrNotReceipt,  // a CCCD or foreign QR shown where a receipt is expected
  NetworkDown,
  ServerBusy,     // 429 / 503: try again later
  ServerRefused,  // 4xx the kiosk cannot fix by retrying
  ServerError,    // 5xx
  Timeout,
  BadResponse,  // the server answered outside the contract
  DocumentUnsigned,
  DocumentSignatureInvalid,
  DiskFull,
  StorageCorrupt,
  PrinterPaperOut,
  PrinterCoverOpen,
  PrinterOffline,
  ScannerUnavailable,
  ScannerJam,
  InvalidInput,
  Cancelled,
  DeviceKeyUnavailable,  // the TPM that holds the outbox key does not answer
  DeviceKeyMismatch,     // the outbox key was sealed by another device's TPM
  StaffLockedOut,        // too many wrong PINs: this staff ID waits before the next try
  Internal,
};

// Retriable errors may succeed if the same operation is tried again
// unchanged; fatal ones need a different input or a person.
constexpr bool is_retriable(ErrorCode code) {
  switch (code) {
    case ErrorCode::CardUnreadable:
    case ErrorCode::QrUnreadable:
    case ErrorCode::NetworkDown:
    case ErrorCode::ServerBusy:
    case ErrorCode::ServerError:
    case ErrorCode::Timeout:
    case ErrorCode::PrinterPaperOut:
    case ErrorCode::PrinterCoverOpen:
    case ErrorCode::PrinterOffline:
    case ErrorCode::ScannerJam:
      return true;
    default:
      return false;
  }
}

// A problem with the QR shown to the camera (not with the card or the network).
constexpr bool is_qr_error(ErrorCode code) {
  return code == ErrorCode::QrUnreadable || code == ErrorCode::QrNotCccd || code == ErrorCode::QrNotReceipt;
}

std::string_view error_name(ErrorCode code);

// `detail` is for logs and technicians: it must never hold personal data.
struct Error {
  ErrorCode code = ErrorCode::Internal;
  std::string detail;

  [[nodiscard]] bool retriable() const { return is_retriable(code); }
};

}  // namespace kiosk
