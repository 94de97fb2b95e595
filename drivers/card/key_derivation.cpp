#include "drivers/card/key_derivation.hpp"

#include "drivers/card/crypto.hpp"

namespace kiosk::card {

Bytes derive_key(ByteView secret, std::uint32_t counter, CipherKind kind) {
  const Bytes c{static_cast<std::uint8_t>(counter >> 24), static_cast<std::uint8_t>(counter >> 16),
                static_cast<std::uint8_t>(counter >> 8), static_cast<std::uint8_t>(counter)};
  const Bytes input = concat(secret, c);
  switch (kind) {
    case CipherKind::Des3: {
      Bytes h = crypto::digest("SHA1", input);
      h.resize(16);
      crypto::adjust_parity(h);
      return h;
    }
    case CipherKind::Aes128: {
      Bytes h = crypto::digest("SHA1", input);
      h.resize(16);
      return h;
    }
    case CipherKind::Aes192: {
      Bytes h = crypto::digest("SHA256", input);
      h.resize(24);
      return h;
    }
    case CipherKind::Aes256:
      return crypto::digest("SHA256", input);
  }
  return {};
}

void SessionKeys::wipe() {
  card::wipe(k_enc);
  card::wipe(k_mac);
  card::wipe(ssc);
}

}  // namespace kiosk::card
