#pragma once
// The one error type of the card driver. Every failure is a code the kiosk
// can explain, split into retriable (tap again) and fatal (needs a person).
#include <stdexcept>
#include <string>
#include <string_view>

namespace kiosk::card {

enum class ErrorCode {
  InvalidInput,        // MRZ inputs malformed (fatal until corrected)
  NoReader,            // no PC/SC reader attached
  ReaderUnavailable,   // pcscd not running or reader busy (retriable)
  NoCard,              // reader empty (retriable)
  CardRemoved,         // card left the reader during the read (retriable)
  Transport,           // the reader could not exchange an APDU (retriable)
  AccessDenied,        // BAC/PACE refused: MRZ inputs do not match the chip
  SecureMessaging,     // response MAC wrong or secure messaging broken (retriable)
  MalformedResponse,   // truncated or garbled response (retriable)
  UnexpectedStatus,    // the chip answered with an error status word
  FileNotFound,        // a mandatory file is missing on the chip
  InvalidData,         // a data group or the SOD does not parse
  ChipAuthentication,  // chip authentication failed: the chip is not the one the SOD describes
  Cancelled,           // the session was ended while reading
};

std::string_view error_code_name(ErrorCode code);
bool is_retriable(ErrorCode code);

class CardError : public std::runtime_error {
 public:
  CardError(ErrorCode code, const std::string& message) : std::runtime_error(message), code_(code) {}
  ErrorCode code() const { return code_; }
  bool retriable() const { return is_retriable(code_); }

 private:
  ErrorCode code_;
};

}  // namespace kiosk::card
