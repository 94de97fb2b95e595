#include "drivers/card/security_infos.hpp"

#include <openssl/core_names.h>
#include <openssl/x509.h>

#include "drivers/card/card_error.hpp"
#include "drivers/card/tlv.hpp"

namespace kiosk::card {

namespace {
[[noreturn]] void bad(const char* what) {
  throw CardError(ErrorCode::InvalidData, std::string("security infos: ") + what);
}

int small_int(const Tlv& t) {
  if (t.tag != 0x02)
    bad("INTEGER expected");
  const auto v = decode_integer(t.value);
  if (v < 0 || v > 0xFFFF)
    bad("INTEGER out of range");
  return static_cast<int>(v);
}
}  // namespace

SecurityInfos parse_security_infos(ByteView file) {
  Tlv top = parse_tlv(file);
  if (top.tag == 0x6E)
    top = parse_tlv(top.value);
  if (top.tag != 0x31)
    bad("SET OF SecurityInfo expected");
  SecurityInfos infos;
  std::optional<std::string> ca_protocol;
  std::optional<Bytes> ca_key;
  TlvReader reader(top.value);
  while (!reader.at_end()) {
    const Tlv info = reader.next();
    if (info.tag != 0x30)
      bad("SecurityInfo is not a SEQUENCE");
    TlvReader fields(info.value);
    const Tlv protocol = fields.next();
    if (protocol.tag != 0x06)
      bad("SecurityInfo without protocol OID");
    const std::string id = decode_oid(protocol.value);
    if (id.rfind("0.4.0.127.0.7.2.2.4.", 0) == 0 && id.size() > 22) {  // id-PACE-*
      PaceInfo p{id, small_int(fields.next()), 0};
      if (!fields.at_end())
        p.parameter_id = small_int(fields.next());
      infos.pace.push_back(p);
    } else if (id.rfind("0.4.0.127.0.7.2.2.3.", 0) == 0 && id.size() > 22) {  // id-CA-*
      ca_protocol = id;
    } else if (id.rfind("0.4.0.127.0.7.2.2.1.", 0) == 0) {  // id-PK-*
      const Tlv spki = fields.next();
      if (spki.tag != 0x30)
        bad("chip authentication key is not a SubjectPublicKeyInfo");
      const ByteView whole = spki.encoded();
      ca_key = Bytes(whole.begin(), whole.end());
    } else if (id == oid::kActiveAuthentication) {
      small_int(fields.next());
      const Tlv alg = fields.next();
      if (alg.tag != 0x06)
        bad("active authentication algorithm missing");
      infos.active_authentication_signature = decode_oid(alg.value);
    }
  }
  if (ca_key) {
    infos.chip_authentication = ChipAuthenticationKey{ca_protocol.value_or(oid::kCaEcdhAes128), *ca_key};
  }
  return infos;
}

Bytes build_card_access(const PaceInfo& pace) {
  const Bytes info = encode_tlv(0x30, concat(encode_tlv(0x06, encode_oid(pace.protocol)),
                                             encode_integer(static_cast<std::uint64_t>(pace.version)),
                                             encode_integer(static_cast<std::uint64_t>(pace.parameter_id))));
  return encode_tlv(0x31, info);
}

Bytes build_dg14(const ChipAuthenticationKey& key, const std::optional<std::string>& aa_signature) {
  Bytes set =
      concat(encode_tlv(0x30, concat(encode_tlv(0x06, encode_oid(key.protocol)), encode_integer(1))),
             encode_tlv(0x30, concat(encode_tlv(0x06, encode_oid(oid::kPkEcdh)), key.public_key_info)));
  if (aa_signature) {
    const Bytes aa = encode_tlv(0x30, concat(encode_tlv(0x06, encode_oid(oid::kActiveAuthentication)),
                                             encode_integer(1), encode_tlv(0x06, encode_oid(*aa_signature))));
    set.insert(set.end(), aa.begin(), aa.end());
  }
  return encode_tlv(0x6E, encode_tlv(0x31, set));
}

ossl::Pkey public_key_from_der(ByteView spki) {
  const unsigned char* p = spki.data();
  ossl::Pkey key(d2i_PUBKEY(nullptr, &p, static_cast<long>(spki.size())));
  if (!key)
    bad("public key does not parse");
  return key;
}

Bytes public_key_to_der(EVP_PKEY* key) {
  unsigned char* der = nullptr;
  const int len = i2d_PUBKEY(key, &der);
  if (len <= 0)
    bad("public key does not encode");
  Bytes out(der, der + len);
  OPENSSL_free(der);
  return out;
}

Bytes public_key_to_der_explicit(EVP_PKEY* key) {
  ossl::Pkey copy(EVP_PKEY_dup(key));
  if (!copy || EVP_PKEY_set_utf8_string_param(copy.get(), OSSL_PKEY_PARAM_EC_ENCODING,
                                              OSSL_PKEY_EC_ENCODING_EXPLICIT) != 1) {
    bad("public key does not take explicit parameters");
  }
  return public_key_to_der(copy.get());
}

ossl::Pkey parse_dg15(ByteView file) {
  const Tlv top = parse_tlv(file);
  if (top.tag != 0x6F)
    bad("DG15 has the wrong tag");
  return public_key_from_der(top.value);
}

Bytes build_dg15(EVP_PKEY* key) {
  return encode_tlv(0x6F, public_key_to_der(key));
}

}  // namespace kiosk::card
