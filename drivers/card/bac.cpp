#include "drivers/card/bac.hpp"

#include "drivers/card/card_error.hpp"
#include "drivers/card/crypto.hpp"

namespace kiosk::card {

namespace {
using crypto::Direction;

Bytes encrypt_and_mac(const BacKeys& keys, ByteView plain) {
  const Bytes e = crypto::des3_cbc(keys.k_enc, {}, plain, Direction::Encrypt);
  const Bytes m = crypto::retail_mac(keys.k_mac, crypto::pad(e, 8));
  return concat(e, m);
}

std::optional<Bytes> check_and_decrypt(const BacKeys& keys, ByteView data) {
  if (data.size() != 40)
    return std::nullopt;
  const ByteView e = data.subspan(0, 32);
  const Bytes m = crypto::retail_mac(keys.k_mac, crypto::pad(e, 8));
  if (!equal_constant_time(m, data.subspan(32, 8)))
    return std::nullopt;
  return crypto::des3_cbc(keys.k_enc, {}, e, Direction::Decrypt);
}

SessionKeys session_from(ByteView k_ifd, ByteView k_ic, ByteView rnd_ic, ByteView rnd_ifd) {
  Bytes seed(16);
  for (std::size_t i = 0; i < 16; ++i)
    seed[i] = static_cast<std::uint8_t>(k_ifd[i] ^ k_ic[i]);
  SessionKeys s;
  s.kind = CipherKind::Des3;
  s.k_enc = derive_key(seed, kKdfEnc, CipherKind::Des3);
  s.k_mac = derive_key(seed, kKdfMac, CipherKind::Des3);
  s.ssc = concat(rnd_ic.subspan(4, 4), rnd_ifd.subspan(4, 4));
  wipe(seed);
  return s;
}
}  // namespace

Bytes bac_key_seed(const std::string& mrz_information) {
  Bytes h = crypto::digest("SHA1", to_bytes(mrz_information));
  h.resize(16);
  return h;
}

BacKeys bac_keys(const MrzKey& key) {
  Bytes seed = bac_key_seed(key.information());
  BacKeys keys{derive_key(seed, kKdfEnc, CipherKind::Des3), derive_key(seed, kKdfMac, CipherKind::Des3)};
  wipe(seed);
  return keys;
}

Bytes bac_terminal_command(const BacKeys& keys, ByteView rnd_ic, ByteView rnd_ifd, ByteView k_ifd) {
  Bytes s = concat(rnd_ifd, rnd_ic, k_ifd);
  Bytes out = encrypt_and_mac(keys, s);
  wipe(s);
  return out;
}

SessionKeys bac_terminal_finish(const BacKeys& keys, ByteView response, ByteView rnd_ic, ByteView rnd_ifd,
                                ByteView k_ifd) {
  auto r = check_and_decrypt(keys, response);
  // R = RND.IC || RND.IFD || K.IC
  if (!r || !equal_constant_time(ByteView(*r).subspan(0, 8), rnd_ic) ||
      !equal_constant_time(ByteView(*r).subspan(8, 8), rnd_ifd)) {
    throw CardError(ErrorCode::AccessDenied, "the chip's BAC answer does not match (check the MRZ inputs)");
  }
  SessionKeys s = session_from(k_ifd, ByteView(*r).subspan(16, 16), rnd_ic, rnd_ifd);
  wipe(*r);
  return s;
}

std::optional<BacChipAnswer> bac_chip_answer(const BacKeys& keys, ByteView command, ByteView rnd_ic,
                                             ByteView k_ic) {
  auto s = check_and_decrypt(keys, command);
  if (!s || !equal_constant_time(ByteView(*s).subspan(8, 8), rnd_ic))
    return std::nullopt;
  const ByteView rnd_ifd = ByteView(*s).subspan(0, 8);
  const ByteView k_ifd = ByteView(*s).subspan(16, 16);
  BacChipAnswer answer;
  Bytes r = concat(rnd_ic, rnd_ifd, k_ic);
  answer.response = encrypt_and_mac(keys, r);
  answer.session = session_from(k_ifd, k_ic, rnd_ic, rnd_ifd);
  wipe(r);
  wipe(*s);
  return answer;
}

}  // namespace kiosk::card
