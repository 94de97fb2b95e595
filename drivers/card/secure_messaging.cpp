#include "drivers/card/secure_messaging.hpp"

#include "drivers/card/card_error.hpp"
#include "drivers/card/crypto.hpp"
#include "drivers/card/tlv.hpp"

namespace kiosk::card {

namespace {
using crypto::Direction;

Bytes le_object(std::size_t le, bool extended) {
  if (extended) {
    const std::size_t v = le == 65536 ? 0 : le;
    return {0x97, 0x02, static_cast<std::uint8_t>(v >> 8), static_cast<std::uint8_t>(v & 0xFF)};
  }
  return {0x97, 0x01, static_cast<std::uint8_t>(le == 256 ? 0 : le)};
}

struct SmObjects {
  std::optional<Tlv> encrypted;  // 87
  std::optional<Tlv> le;         // 97
  std::optional<Tlv> status;     // 99
  std::optional<Tlv> mac;        // 8E
  std::size_t mac_offset = 0;    // bytes covered by the MAC
};

SmObjects split(ByteView data, ErrorCode on_error) {
  SmObjects o;
  const char* garbled = on_error == ErrorCode::MalformedResponse
                            ? "response garbled: unexpected secure messaging object"
                            : "unexpected secure messaging object";
  const char* truncated = on_error == ErrorCode::MalformedResponse
                              ? "response truncated: secure messaging objects cut short"
                              : "secure messaging objects do not parse";
  try {
    TlvReader reader(data);
    std::size_t offset = 0;
    while (!reader.at_end()) {
      Tlv t = reader.next();
      switch (t.tag) {
        case 0x87:
          o.encrypted = t;
          break;
        case 0x97:
          o.le = t;
          break;
        case 0x99:
          o.status = t;
          break;
        case 0x8E:
          o.mac = t;
          o.mac_offset = offset;
          break;
        default:
          throw CardError(on_error, garbled);
      }
      offset = static_cast<std::size_t>(t.value.data() + t.value.size() - data.data());
    }
  } catch (const CardError& e) {
    if (e.code() == on_error)
      throw;
    throw CardError(on_error, truncated);
  }
  if (!o.mac || o.mac->value.size() != 8)
    throw CardError(on_error, truncated);
  return o;
}
}  // namespace

SecureMessaging::SecureMessaging(SessionKeys keys) : keys_(std::move(keys)) {}

SecureMessaging::~SecureMessaging() {
  keys_.wipe();
}

void SecureMessaging::increment_ssc() {
  for (std::size_t i = keys_.ssc.size(); i-- > 0;) {
    if (++keys_.ssc[i] != 0)
      break;
  }
}

Bytes SecureMessaging::mac(ByteView message) const {
  const Bytes n = crypto::pad(concat(keys_.ssc, message), block_size());
  if (keys_.kind == CipherKind::Des3)
    return crypto::retail_mac(keys_.k_mac, n);
  Bytes full = crypto::aes_cmac(keys_.k_mac, n);
  full.resize(8);
  return full;
}

Bytes SecureMessaging::encrypt(ByteView plain) const {
  const Bytes padded = crypto::pad(plain, block_size());
  if (keys_.kind == CipherKind::Des3)
    return crypto::des3_cbc(keys_.k_enc, {}, padded, Direction::Encrypt);
  return crypto::aes_cbc(keys_.k_enc, crypto::aes_ecb_block(keys_.k_enc, keys_.ssc), padded,
                         Direction::Encrypt);
}

Bytes SecureMessaging::decrypt(ByteView cipher) const {
  if (cipher.empty() || cipher.size() % block_size() != 0) {
    throw CardError(ErrorCode::SecureMessaging, "encrypted data is not a whole number of blocks");
  }
  Bytes padded = keys_.kind == CipherKind::Des3
                     ? crypto::des3_cbc(keys_.k_enc, {}, cipher, Direction::Decrypt)
                     : crypto::aes_cbc(keys_.k_enc, crypto::aes_ecb_block(keys_.k_enc, keys_.ssc), cipher,
                                       Direction::Decrypt);
  Bytes plain = crypto::unpad(padded);
  wipe(padded);
  return plain;
}

CommandApdu SecureMessaging::protect(const CommandApdu& plain) {
  increment_ssc();
  const bool extended = plain.extended();
  const Bytes header = crypto::pad(
      Bytes{static_cast<std::uint8_t>(plain.cla | 0x0C), plain.ins, plain.p1, plain.p2}, block_size());
  Bytes do87;
  if (!plain.data.empty())
    do87 = encode_tlv(0x87, concat(Bytes{0x01}, encrypt(plain.data)));
  Bytes do97;
  if (plain.le)
    do97 = le_object(*plain.le, extended);
  const Bytes cc = mac(concat(header, do87, do97));
  CommandApdu out;
  out.cla = static_cast<std::uint8_t>(plain.cla | 0x0C);
  out.ins = plain.ins;
  out.p1 = plain.p1;
  out.p2 = plain.p2;
  out.data = concat(do87, do97, encode_tlv(0x8E, cc));
  out.force_extended = extended || out.data.size() > 255;
  out.le = out.force_extended ? 65536 : 256;
  return out;
}

ResponseApdu SecureMessaging::unprotect(const ResponseApdu& response) {
  increment_ssc();
  if (response.data.empty()) {
    // Chips answer SM errors (6987, 6988) and some failures in plain.
    if (response.sw == sw::kSuccess) {
      throw CardError(ErrorCode::SecureMessaging, "response without secure messaging objects");
    }
    if (response.sw == sw::kSmObjectsIncorrect || response.sw == sw::kSmObjectsMissing) {
      throw CardError(ErrorCode::SecureMessaging, "the chip rejected the secure messaging of our command");
    }
    return response;
  }
  const SmObjects o = split(response.data, ErrorCode::MalformedResponse);
  const ByteView covered = ByteView(response.data).subspan(0, o.mac_offset);
  if (!equal_constant_time(mac(covered), o.mac->value)) {
    throw CardError(ErrorCode::SecureMessaging, "response MAC is wrong");
  }
  if (!o.status || o.status->value.size() != 2) {
    throw CardError(ErrorCode::SecureMessaging, "protected status word missing");
  }
  ResponseApdu out;
  out.sw = static_cast<std::uint16_t>((o.status->value[0] << 8) | o.status->value[1]);
  if (o.encrypted) {
    if (o.encrypted->value.empty() || o.encrypted->value[0] != 0x01) {
      throw CardError(ErrorCode::SecureMessaging, "unknown padding indicator");
    }
    out.data = decrypt(o.encrypted->value.subspan(1));
  }
  return out;
}

CommandApdu SecureMessaging::unprotect_command(const CommandApdu& command) {
  increment_ssc();
  if ((command.cla & 0x0C) != 0x0C)
    throw CardError(ErrorCode::SecureMessaging, "command not protected");
  const SmObjects o = split(command.data, ErrorCode::SecureMessaging);
  const Bytes header = crypto::pad(Bytes{command.cla, command.ins, command.p1, command.p2}, block_size());
  const ByteView covered = ByteView(command.data).subspan(0, o.mac_offset);
  if (!equal_constant_time(mac(concat(header, covered)), o.mac->value)) {
    throw CardError(ErrorCode::SecureMessaging, "command MAC is wrong");
  }
  CommandApdu out;
  out.cla = static_cast<std::uint8_t>(command.cla & ~0x0C);
  out.ins = command.ins;
  out.p1 = command.p1;
  out.p2 = command.p2;
  if (o.encrypted) {
    if (o.encrypted->value.empty() || o.encrypted->value[0] != 0x01) {
      throw CardError(ErrorCode::SecureMessaging, "unknown padding indicator");
    }
    out.data = decrypt(o.encrypted->value.subspan(1));
  }
  if (o.le) {
    const ByteView v = o.le->value;
    if (v.size() == 1) {
      out.le = v[0] == 0 ? 256 : v[0];
    } else if (v.size() == 2) {
      const std::size_t le = (std::size_t{v[0]} << 8) | v[1];
      out.le = le == 0 ? 65536 : le;
      out.force_extended = true;
    } else {
      throw CardError(ErrorCode::SecureMessaging, "bad Le object");
    }
  }
  return out;
}

ResponseApdu SecureMessaging::protect_response(const ResponseApdu& plain) {
  increment_ssc();
  Bytes do87;
  if (!plain.data.empty())
    do87 = encode_tlv(0x87, concat(Bytes{0x01}, encrypt(plain.data)));
  const Bytes do99{0x99, 0x02, plain.sw1(), plain.sw2()};
  const Bytes cc = mac(concat(do87, do99));
  ResponseApdu out;
  out.data = concat(do87, do99, encode_tlv(0x8E, cc));
  out.sw = plain.sw;
  return out;
}

}  // namespace kiosk::card
