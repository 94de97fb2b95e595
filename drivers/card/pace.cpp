#include "drivers/card/pace.hpp"

#include "drivers/card/card_error.hpp"
#include "drivers/card/crypto.hpp"
#include "drivers/card/tlv.hpp"

namespace kiosk::card {

Bytes pace_password_key(const MrzKey& key) {
  Bytes seed = crypto::digest("SHA1", to_bytes(key.information()));
  Bytes k = derive_key(seed, kKdfPassword, CipherKind::Aes128);
  wipe(seed);
  return k;
}

Bytes pace_token(ByteView ks_mac, std::string_view protocol_oid, ByteView public_point) {
  const Bytes data =
      encode_tlv(0x7F49, concat(encode_tlv(0x06, encode_oid(protocol_oid)), encode_tlv(0x86, public_point)));
  Bytes t = crypto::aes_cmac(ks_mac, data);
  t.resize(8);
  return t;
}

ossl::EcPoint pace_mapped_generator(const ec::Curve& curve, const BIGNUM* nonce, const EC_POINT* shared) {
  const ossl::EcPoint sg = curve.multiply(nullptr, nonce);
  return curve.add(sg.get(), shared);
}

SessionKeys aes_session_keys(ByteView shared_x) {
  SessionKeys s;
  s.kind = CipherKind::Aes128;
  s.k_enc = derive_key(shared_x, kKdfEnc, CipherKind::Aes128);
  s.k_mac = derive_key(shared_x, kKdfMac, CipherKind::Aes128);
  s.ssc = Bytes(16, 0);
  return s;
}

Bytes authentication_data(std::uint8_t tag, ByteView value) {
  return encode_tlv(0x7C, tag == 0 ? Bytes{} : encode_tlv(tag, value));
}

Bytes authentication_object(ByteView response, std::uint8_t tag) {
  try {
    const Tlv top = parse_tlv(response);
    if (top.tag == 0x7C) {
      if (auto t = find_child(top.value, tag))
        return Bytes(t->value.begin(), t->value.end());
    }
  } catch (const CardError&) {
  }
  throw CardError(ErrorCode::AccessDenied, "the chip's authentication data is missing or malformed");
}

}  // namespace kiosk::card
