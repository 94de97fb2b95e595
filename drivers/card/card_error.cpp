#include "drivers/card/card_error.hpp"

namespace kiosk::card {

std::string_view error_code_name(ErrorCode code) {
  switch (code) {
    case ErrorCode::InvalidInput:
      return "invalid_input";
    case ErrorCode::NoReader:
      return "no_reader";
    case ErrorCode::ReaderUnavailable:
      return "reader_unavailable";
    case ErrorCode::NoCard:
      return "no_card";
    case ErrorCode::CardRemoved:
      return "card_removed";
    case ErrorCode::Transport:
      return "transport";
    case ErrorCode::AccessDenied:
      return "access_denied";
    case ErrorCode::SecureMessaging:
      return "secure_messaging";
    case ErrorCode::MalformedResponse:
      return "malformed_response";
    case ErrorCode::UnexpectedStatus:
      return "unexpected_status";
    case ErrorCode::FileNotFound:
      return "file_not_found";
    case ErrorCode::InvalidData:
      return "invalid_data";
    case ErrorCode::ChipAuthentication:
      return "chip_authentication_failed";
    case ErrorCode::Cancelled:
      return "cancelled";
  }
  return "unknown";
}

bool is_retriable(ErrorCode code) {
  switch (code) {
    case ErrorCode::ReaderUnavailable:
    case ErrorCode::NoCard:
    case ErrorCode::CardRemoved:
    case ErrorCode::Transport:
    case ErrorCode::SecureMessaging:
    case ErrorCode::MalformedResponse:
      return true;
    default:
      return false;
  }
}

}  // namespace kiosk::card
