#pragma once
// The chip's side of ISO 7816-4 and ICAO 9303: file selection and reads,
// BAC, PACE-GM, secure messaging, active and chip authentication, plus the
// faults the reader's tests need.
#include <chrono>
#include <memory>
#include <optional>
#include <string>

#include "drivers/card/apdu.hpp"
#include "drivers/card/ec_math.hpp"
#include "drivers/card/secure_messaging.hpp"
#include "sandbox/vcard/chip_contents.hpp"

namespace kiosk::vcard {

enum class ResponseFault { None, WrongMac, Truncated, Garbled };

struct CardBehaviour {
  ResponseFault response_fault = ResponseFault::None;  // applied to the first protected READ BINARY
  std::optional<std::size_t> remove_after;             // APDUs answered before the card leaves
  std::chrono::milliseconds latency{0};                // per APDU
};

class VirtualCard {
 public:
  VirtualCard(ChipContents chip, CardBehaviour behaviour);

  card::Bytes atr() const;
  void reset();
  // One APDU in, one response (data + SW) out.
  card::Bytes process(card::ByteView apdu);
  // True once the card has "left the reader" (remove_after reached).
  bool removed() const { return removed_; }
  std::size_t apdus() const { return apdus_; }

 private:
  card::ResponseApdu dispatch(const card::CommandApdu& c);
  card::ResponseApdu select(const card::CommandApdu& c);
  card::ResponseApdu read_binary(const card::CommandApdu& c);
  card::ResponseApdu external_authenticate(const card::CommandApdu& c);
  card::ResponseApdu manage_security_environment(const card::CommandApdu& c);
  card::ResponseApdu general_authenticate(const card::CommandApdu& c);
  card::ResponseApdu pace_step(const card::Bytes& data);
  card::ResponseApdu chip_authenticate(const card::Bytes& data);
  card::ResponseApdu internal_authenticate(const card::CommandApdu& c);
  card::Bytes apply_fault(const card::CommandApdu& plain, card::Bytes response);

  ChipContents chip_;
  CardBehaviour behaviour_;
  std::unique_ptr<card::SecureMessaging> sm_;
  std::unique_ptr<card::SecureMessaging> next_sm_;  // CA keys, effective after the answer
  bool application_selected_ = false;
  std::optional<std::uint16_t> current_file_;
  card::Bytes rnd_ic_;
  // PACE
  enum class Mse { None, Pace, ChipAuthentication } mse_ = Mse::None;
  int pace_step_ = 0;
  std::optional<card::ec::Curve> curve_;
  ossl::Bignum nonce_;
  ossl::Bignum map_key_;
  ossl::EcPoint generator_;
  ossl::Bignum eph_key_;
  card::Bytes terminal_point_;
  card::Bytes my_point_;
  bool fault_done_ = false;
  bool removed_ = false;
  std::size_t apdus_ = 0;
};

}  // namespace kiosk::vcard
