#include "sandbox/vcard/virtual_card.hpp"

#include <thread>

#include "drivers/card/active_auth.hpp"
#include "drivers/card/atr.hpp"
#include "drivers/card/bac.hpp"
#include "drivers/card/card_error.hpp"
#include "drivers/card/crypto.hpp"
#include "drivers/card/lds_files.hpp"
#include "drivers/card/pace.hpp"
#include "drivers/card/security_infos.hpp"
#include "drivers/card/tlv.hpp"

namespace kiosk::vcard {

namespace {
using card::Bytes;
using card::CommandApdu;
using card::ResponseApdu;
namespace sw = card::sw;

ResponseApdu status(std::uint16_t s) {
  return ResponseApdu{{}, s};
}

bool pace_protocol(const std::string& oid) {
  return oid == card::oid::kPaceEcdhGmAes128;
}
}  // namespace

VirtualCard::VirtualCard(ChipContents chip, CardBehaviour behaviour)
    : chip_(std::move(chip)), behaviour_(behaviour) {}

card::Bytes VirtualCard::atr() const {
  return card::build_atr(chip_.extended_length);
}

void VirtualCard::reset() {
  sm_.reset();
  next_sm_.reset();
  application_selected_ = false;
  current_file_.reset();
  mse_ = Mse::None;
  pace_step_ = 0;
}

card::Bytes VirtualCard::process(card::ByteView raw) {
  if (behaviour_.latency.count() > 0)
    std::this_thread::sleep_for(behaviour_.latency);
  ++apdus_;
  if (behaviour_.remove_after && apdus_ > *behaviour_.remove_after) {
    removed_ = true;
    return {};
  }
  CommandApdu command;
  try {
    command = CommandApdu::parse(raw);
  } catch (const card::CardError&) {
    return status(sw::kWrongLength).serialize();
  }
  if (command.extended() && !chip_.extended_length)
    return status(sw::kWrongLength).serialize();

  const bool protected_command = (command.cla & 0x0C) == 0x0C;
  if (sm_ && !protected_command) {
    // A plain command ends the secure messaging session (ICAO 9303 Part 11, 9.8.4).
    reset();
    return status(sw::kSmObjectsMissing).serialize();
  }
  CommandApdu plain = command;
  if (sm_) {
    try {
      plain = sm_->unprotect_command(command);
    } catch (const card::CardError&) {
      reset();
      return status(sw::kSmObjectsIncorrect).serialize();
    }
  } else if (protected_command) {
    return status(sw::kSmObjectsMissing).serialize();
  }

  ResponseApdu answer;
  try {
    answer = dispatch(plain);
  } catch (const card::CardError&) {
    answer = status(sw::kWrongData);
  }
  Bytes out = sm_ ? sm_->protect_response(answer).serialize() : answer.serialize();
  if (next_sm_)
    sm_ = std::move(next_sm_);
  if (protected_command)
    out = apply_fault(plain, std::move(out));
  return out;
}

card::Bytes VirtualCard::apply_fault(const CommandApdu& plain, Bytes response) {
  if (fault_done_ || behaviour_.response_fault == ResponseFault::None || plain.ins != 0xB0)
    return response;
  fault_done_ = true;
  switch (behaviour_.response_fault) {
    case ResponseFault::WrongMac: {
      // The MAC is the 8 bytes before the status word.
      response[response.size() - 3] ^= 0x01;
      break;
    }
    case ResponseFault::Truncated: {
      const std::uint8_t sw1 = response[response.size() - 2];
      const std::uint8_t sw2 = response[response.size() - 1];
      response.resize(response.size() / 2);
      response.push_back(sw1);
      response.push_back(sw2);
      break;
    }
    case ResponseFault::Garbled:
      for (std::size_t i = 0; i + 2 < response.size(); ++i)
        response[i] ^= 0x5A;
      break;
    case ResponseFault::None:
      break;
  }
  return response;
}

ResponseApdu VirtualCard::dispatch(const CommandApdu& c) {
  switch (c.ins) {
    case 0xA4:
      return select(c);
    case 0xB0:
      return read_binary(c);
    case 0x84:
      if (c.le != 8u)
        return status(sw::kWrongLength);
      rnd_ic_ = card::crypto::random_bytes(8);
      return ResponseApdu{rnd_ic_, sw::kSuccess};
    case 0x82:
      return external_authenticate(c);
    case 0x22:
      return manage_security_environment(c);
    case 0x86:
      return general_authenticate(c);
    case 0x88:
      return internal_authenticate(c);
    default:
      return status(sw::kInsNotSupported);
  }
}

ResponseApdu VirtualCard::select(const CommandApdu& c) {
  if (c.p1 == 0x04) {
    if (c.data != card::kMrtdAid)
      return status(sw::kFileNotFound);
    application_selected_ = true;
    current_file_.reset();
    return status(sw::kSuccess);
  }
  if (c.p1 == 0x02 || c.p1 == 0x00) {
    if (c.data.size() != 2)
      return status(sw::kWrongData);
    const auto fid = static_cast<std::uint16_t>((c.data[0] << 8) | c.data[1]);
    if (!chip_.files.count(fid))
      return status(sw::kFileNotFound);
    if (fid != 0x011C && !sm_)
      return status(sw::kSecurityNotSatisfied);
    current_file_ = fid;
    return status(sw::kSuccess);
  }
  return status(sw::kWrongP1P2);
}

ResponseApdu VirtualCard::read_binary(const CommandApdu& c) {
  std::size_t offset = 0;
  if (c.p1 & 0x80) {
    const auto fid = static_cast<std::uint16_t>(0x0100 | (c.p1 & 0x1F));
    if (!chip_.files.count(fid))
      return status(sw::kFileNotFound);
    current_file_ = fid;
    offset = c.p2;
  } else {
    offset = (std::size_t{c.p1} << 8) | c.p2;
  }
  if (!current_file_)
    return status(sw::kConditionsNotSatisfied);
  // Before access control only EF.CardAccess is readable; the LDS files need
  // the eMRTD application and secure messaging.
  if (*current_file_ != 0x011C && (!sm_ || !application_selected_))
    return status(sw::kSecurityNotSatisfied);
  const Bytes& file = chip_.files.at(*current_file_);
  if (offset > file.size())
    return status(sw::kWrongP1P2);
  const std::size_t want = c.le.value_or(256);
  const std::size_t n = std::min(want, file.size() - offset);
  ResponseApdu r{Bytes(file.begin() + static_cast<std::ptrdiff_t>(offset),
                       file.begin() + static_cast<std::ptrdiff_t>(offset + n)),
                 n < want ? sw::kEndOfFile : sw::kSuccess};
  return r;
}

ResponseApdu VirtualCard::external_authenticate(const CommandApdu& c) {
  if (chip_.pace || rnd_ic_.size() != 8 || !application_selected_)
    return status(sw::kConditionsNotSatisfied);
  const card::BacKeys keys = card::bac_keys(chip_.key);
  const Bytes k_ic = card::crypto::random_bytes(16);
  auto answer = card::bac_chip_answer(keys, c.data, rnd_ic_, k_ic);
  rnd_ic_.clear();
  if (!answer)
    return status(sw::kAuthenticationFailed);
  ResponseApdu r{answer->response, sw::kSuccess};
  next_sm_ = std::make_unique<card::SecureMessaging>(std::move(answer->session));
  return r;
}

ResponseApdu VirtualCard::manage_security_environment(const CommandApdu& c) {
  const auto protocol = card::find_child(c.data, 0x80);
  if (!protocol)
    return status(sw::kWrongData);
  const std::string oid = card::decode_oid(protocol->value);
  if (c.p1 == 0xC1 && c.p2 == 0xA4 && chip_.pace && pace_protocol(oid)) {
    mse_ = Mse::Pace;
    pace_step_ = 0;
    return status(sw::kSuccess);
  }
  if (c.p1 == 0x41 && c.p2 == 0xA4 && sm_ && chip_.chip_authentication_key &&
      oid == card::oid::kCaEcdhAes128) {
    mse_ = Mse::ChipAuthentication;
    return status(sw::kSuccess);
  }
  return status(sw::kWrongData);
}

ResponseApdu VirtualCard::general_authenticate(const CommandApdu& c) {
  if (mse_ == Mse::Pace)
    return pace_step(c.data);
  if (mse_ == Mse::ChipAuthentication)
    return chip_authenticate(c.data);
  return status(sw::kConditionsNotSatisfied);
}

ResponseApdu VirtualCard::pace_step(const Bytes& data) {
  const card::Tlv outer = card::parse_tlv(data);
  if (outer.tag != 0x7C)
    return status(sw::kWrongData);
  auto object = [&](std::uint8_t tag) -> Bytes {
    auto t = card::find_child(outer.value, tag);
    if (!t)
      throw card::CardError(card::ErrorCode::InvalidData, "missing object");
    return Bytes(t->value.begin(), t->value.end());
  };
  switch (pace_step_) {
    case 0: {
      curve_.emplace(card::ec::Curve::from_parameter_id(12));
      const Bytes s = card::crypto::random_bytes(16);
      nonce_ = card::ec::bignum(s);
      Bytes k_pi = card::pace_password_key(chip_.key);
      const Bytes z = card::crypto::aes_cbc(k_pi, {}, s, card::crypto::Direction::Encrypt);
      card::wipe(k_pi);
      pace_step_ = 1;
      return ResponseApdu{card::authentication_data(0x80, z), sw::kSuccess};
    }
    case 1: {
      const ossl::EcPoint terminal_map = curve_->decode(object(0x81));
      map_key_ = curve_->random_scalar();
      const ossl::EcPoint my_map = curve_->multiply(nullptr, map_key_.get());
      const ossl::EcPoint shared = curve_->multiply(terminal_map.get(), map_key_.get());
      generator_ = card::pace_mapped_generator(*curve_, nonce_.get(), shared.get());
      pace_step_ = 2;
      return ResponseApdu{card::authentication_data(0x82, curve_->encode(my_map.get())), sw::kSuccess};
    }
    case 2: {
      terminal_point_ = object(0x83);
      curve_->decode(terminal_point_);  // rejects a point off the curve
      eph_key_ = curve_->random_scalar();
      my_point_ = curve_->encode(curve_->multiply(generator_.get(), eph_key_.get()).get());
      pace_step_ = 3;
      return ResponseApdu{card::authentication_data(0x84, my_point_), sw::kSuccess};
    }
    case 3: {
      const ossl::EcPoint terminal = curve_->decode(terminal_point_);
      Bytes secret = curve_->x_coordinate(curve_->multiply(terminal.get(), eph_key_.get()).get());
      card::SessionKeys keys = card::aes_session_keys(secret);
      card::wipe(secret);
      const std::string oid = card::oid::kPaceEcdhGmAes128;
      if (!card::equal_constant_time(object(0x85), card::pace_token(keys.k_mac, oid, my_point_))) {
        pace_step_ = 0;
        mse_ = Mse::None;
        return status(sw::kAuthenticationFailed);
      }
      const Bytes token = card::pace_token(keys.k_mac, oid, terminal_point_);
      next_sm_ = std::make_unique<card::SecureMessaging>(std::move(keys));
      mse_ = Mse::None;
      pace_step_ = 0;
      return ResponseApdu{card::authentication_data(0x86, token), sw::kSuccess};
    }
    default:
      return status(sw::kConditionsNotSatisfied);
  }
}

ResponseApdu VirtualCard::chip_authenticate(const Bytes& data) {
  const card::Tlv outer = card::parse_tlv(data);
  const auto point = outer.tag == 0x7C ? card::find_child(outer.value, 0x80) : std::nullopt;
  if (!point)
    return status(sw::kWrongData);
  const card::ec::Curve curve = card::ec::Curve::from_key(chip_.chip_authentication_key.get());
  const ossl::EcPoint terminal = curve.decode(point->value);
  const ossl::Bignum d = card::ec::private_scalar(chip_.chip_authentication_key.get());
  Bytes secret = curve.x_coordinate(curve.multiply(terminal.get(), d.get()).get());
  next_sm_ = std::make_unique<card::SecureMessaging>(card::aes_session_keys(secret));
  card::wipe(secret);
  mse_ = Mse::None;
  return ResponseApdu{card::authentication_data(0, {}), sw::kSuccess};
}

ResponseApdu VirtualCard::internal_authenticate(const CommandApdu& c) {
  if (!chip_.active_authentication_key || !sm_)
    return status(sw::kInsNotSupported);
  if (c.data.size() != 8)
    return status(sw::kWrongData);
  return ResponseApdu{card::sign_active_authentication(chip_.active_authentication_key.get(), c.data),
                      sw::kSuccess};
}

}  // namespace kiosk::vcard
