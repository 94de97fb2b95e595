#include "kiosk/core/error.hpp"

namespace kiosk {

std::string_view error_name(ErrorCode code) {
  switch (code) {
    case ErrorCode::CardRemoved:
      return "card_removed";
    case ErrorCode::CardUnreadable:
      return "card_unreadable";
    case ErrorCode::CardAccessDenied:
      return "card_access_denied";
    case ErrorCode::CardNotGenuine:
      return "card_not_genuine";
    case ErrorCode::CardUntrusted:
      return "card_untrusted";
    case ErrorCode::QrUnreadable:
      return "qr_unreadable";
    case ErrorCode::QrNotCccd:
      return "qr_not_cccd";
    case ErrorCode::QrNotReceipt:
      return "qr_not_receipt";
    case ErrorCode::NetworkDown:
      return "network_down";
    case ErrorCode::ServerBusy:
      return "server_busy";
    case ErrorCode::ServerRefused:
      return "server_refused";
    case ErrorCode::ServerError:
      return "server_error";
    case ErrorCode::Timeout:
      return "timeout";
    case ErrorCode::BadResponse:
      return "bad_response";
    case ErrorCode::DocumentUnsigned:
      return "document_unsigned";
    case ErrorCode::DocumentSignatureInvalid:
      return "document_signature_invalid";
    case ErrorCode::DiskFull:
      return "disk_full";
    case ErrorCode::StorageCorrupt:
      return "storage_corrupt";
    case ErrorCode::PrinterPaperOut:
      return "printer_paper_out";
    case ErrorCode::PrinterCoverOpen:
      return "printer_cover_open";
    case ErrorCode::PrinterOffline:
      return "printer_offline";
    case ErrorCode::ScannerUnavailable:
      return "scanner_unavailable";
    case ErrorCode::ScannerJam:
      return "scanner_jam";
    case ErrorCode::InvalidInput:
      return "invalid_input";
    case ErrorCode::Cancelled:
      return "cancelled";
    case ErrorCode::DeviceKeyUnavailable:
      return "device_key_unavailable";
    case ErrorCode::DeviceKeyMismatch:
      return "device_key_mismatch";
    case ErrorCode::StaffLockedOut:
      return "staff_locked_out";
    case ErrorCode::Internal:
      return "internal";
  }
  return "internal";
}

}  // namespace kiosk
