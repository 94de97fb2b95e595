#include "drivers/card/chip_access.hpp"

#include <string>

#include "drivers/card/bac.hpp"
#include "drivers/card/card_error.hpp"
#include "drivers/card/crypto.hpp"
#include "drivers/card/lds_files.hpp"
#include "drivers/card/pace.hpp"
#include "drivers/card/tlv.hpp"

namespace kiosk::card {

namespace {

void require_ok(const ResponseApdu& r, const char* step) {
  if (r.sw == sw::kSuccess)
    return;
  if (r.sw == sw::kAuthenticationFailed || (r.sw & 0xFFF0) == 0x63C0 || r.sw == sw::kSecurityNotSatisfied) {
    throw CardError(
        ErrorCode::AccessDenied,
        std::string(step) + " refused by the chip: the number, birth date or expiry does not match");
  }
  throw CardError(ErrorCode::UnexpectedStatus,
                  std::string(step) + " failed with status " + to_hex(Bytes{r.sw1(), r.sw2()}));
}

void select_application(CardChannel& channel) {
  require_ok(channel.transmit(CommandApdu{0x00, 0xA4, 0x04, 0x0C, kMrtdAid, std::nullopt}),
             "selecting the eMRTD application");
}

ResponseApdu general_authenticate(CardChannel& channel, bool last, const Bytes& data) {
  return channel.transmit(
      CommandApdu{static_cast<std::uint8_t>(last ? 0x00 : 0x10), 0x86, 0x00, 0x00, data, 256});
}

ossl::Bignum ephemeral_scalar(const ec::Curve& curve, const EphemeralScalars& scalars) {
  return scalars ? scalars(curve) : curve.random_scalar();
}

}  // namespace

void run_bac(CardChannel& channel, const MrzKey& key) {
  select_application(channel);
  const ResponseApdu challenge = channel.transmit(CommandApdu{0x00, 0x84, 0x00, 0x00, {}, 8});
  require_ok(challenge, "GET CHALLENGE");
  if (challenge.data.size() != 8)
    throw CardError(ErrorCode::MalformedResponse, "GET CHALLENGE answer is not 8 bytes");
  BacKeys keys = bac_keys(key);
  Bytes rnd_ifd = crypto::random_bytes(8);
  Bytes k_ifd = crypto::random_bytes(16);
  const Bytes data = bac_terminal_command(keys, challenge.data, rnd_ifd, k_ifd);
  const ResponseApdu answer = channel.transmit(CommandApdu{0x00, 0x82, 0x00, 0x00, data, 40});
  require_ok(answer, "BAC");
  channel.start_secure_messaging(bac_terminal_finish(keys, answer.data, challenge.data, rnd_ifd, k_ifd));
  wipe(keys.k_enc);
  wipe(keys.k_mac);
  wipe(k_ifd);
}

std::optional<PaceInfo> supported_pace(const std::optional<Bytes>& card_access) {
  if (!card_access)
    return std::nullopt;
  try {
    for (const auto& p : parse_security_infos(*card_access).pace) {
      if (p.protocol == oid::kPaceEcdhGmAes128 && (p.parameter_id == 12 || p.parameter_id == 13))
        return p;
    }
  } catch (const CardError&) {
    // An unreadable EF.CardAccess leaves BAC, which every CCCD supports.
  }
  return std::nullopt;
}

void run_pace(CardChannel& channel, const MrzKey& key, const PaceInfo& info,
              const EphemeralScalars& scalars) {
  const Bytes mse = concat(encode_tlv(0x80, encode_oid(info.protocol)), encode_tlv(0x83, Bytes{0x01}));
  require_ok(channel.transmit(CommandApdu{0x00, 0x22, 0xC1, 0xA4, mse, std::nullopt}), "PACE set-up");

  const ec::Curve curve = ec::Curve::from_parameter_id(info.parameter_id);
  ResponseApdu r = general_authenticate(channel, false, authentication_data(0, {}));
  require_ok(r, "PACE nonce");
  Bytes k_pi = pace_password_key(key);
  Bytes s = crypto::aes_cbc(k_pi, {}, authentication_object(r.data, 0x80), crypto::Direction::Decrypt);
  wipe(k_pi);
  const ossl::Bignum nonce = ec::bignum(s);
  wipe(s);

  const ossl::Bignum map_key = ephemeral_scalar(curve, scalars);
  const ossl::EcPoint map_public = curve.multiply(nullptr, map_key.get());
  r = general_authenticate(channel, false, authentication_data(0x81, curve.encode(map_public.get())));
  require_ok(r, "PACE mapping");
  const ossl::EcPoint chip_map = curve.decode(authentication_object(r.data, 0x82));
  const ossl::EcPoint shared = curve.multiply(chip_map.get(), map_key.get());
  const ossl::EcPoint generator = pace_mapped_generator(curve, nonce.get(), shared.get());

  const ossl::Bignum eph_key = ephemeral_scalar(curve, scalars);
  const ossl::EcPoint eph_public = curve.multiply(generator.get(), eph_key.get());
  const Bytes my_point = curve.encode(eph_public.get());
  r = general_authenticate(channel, false, authentication_data(0x83, my_point));
  require_ok(r, "PACE key agreement");
  const Bytes chip_point = authentication_object(r.data, 0x84);
  if (chip_point == my_point)
    throw CardError(ErrorCode::AccessDenied, "PACE: the chip echoed our key");
  const ossl::EcPoint chip_eph = curve.decode(chip_point);
  Bytes secret = curve.x_coordinate(curve.multiply(chip_eph.get(), eph_key.get()).get());
  SessionKeys keys = aes_session_keys(secret);
  wipe(secret);

  r = general_authenticate(channel, true,
                           authentication_data(0x85, pace_token(keys.k_mac, info.protocol, chip_point)));
  require_ok(r, "PACE mutual authentication");
  if (!equal_constant_time(authentication_object(r.data, 0x86),
                           pace_token(keys.k_mac, info.protocol, my_point))) {
    throw CardError(ErrorCode::AccessDenied, "PACE: the chip's authentication token is wrong");
  }
  channel.start_secure_messaging(std::move(keys));
  select_application(channel);
}

void run_chip_authentication(CardChannel& channel, const ChipAuthenticationKey& key,
                             const EphemeralScalars& scalars) {
  const ossl::Pkey chip_key = public_key_from_der(key.public_key_info);
  if (!EVP_PKEY_is_a(chip_key.get(), "EC"))
    throw CardError(ErrorCode::InvalidData, "DG14: only ECDH chip keys are supported");
  const ec::Curve curve = ec::Curve::from_key(chip_key.get());
  const ossl::EcPoint chip_point = curve.decode(ec::public_point(chip_key.get()));
  const ossl::Bignum eph = ephemeral_scalar(curve, scalars);
  const ossl::EcPoint eph_public = curve.multiply(nullptr, eph.get());
  require_ok(channel.transmit(CommandApdu{0x00, 0x22, 0x41, 0xA4, encode_tlv(0x80, encode_oid(key.protocol)),
                                          std::nullopt}),
             "chip authentication set-up");
  const ResponseApdu r = channel.transmit(
      CommandApdu{0x00, 0x86, 0x00, 0x00, authentication_data(0x80, curve.encode(eph_public.get())), 256});
  if (r.sw != sw::kSuccess) {
    throw CardError(ErrorCode::ChipAuthentication, "the chip refused chip authentication");
  }
  Bytes secret = curve.x_coordinate(curve.multiply(chip_point.get(), eph.get()).get());
  channel.start_secure_messaging(aes_session_keys(secret));
  wipe(secret);
}

}  // namespace kiosk::card
