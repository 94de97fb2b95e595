// Secure messaging: unwrapping responses (reader side) and commands (chip
// side) with the session keys of the ICAO 9303 Part 11 worked example.
#include <cstddef>
#include <cstdint>

#include "drivers/card/card_error.hpp"
#include "drivers/card/secure_messaging.hpp"

namespace {
kiosk::card::SessionKeys keys(kiosk::card::CipherKind kind) {
  using kiosk::card::from_hex;
  kiosk::card::SessionKeys k;
  k.kind = kind;
  k.k_enc = from_hex("979EC13B1CBFE9DCD01AB0FED307EAE5");
  k.k_mac = from_hex("F1CB1F1FB5ADF208806B89DC579DC1F8");
  k.ssc = kind == kiosk::card::CipherKind::Des3 ? from_hex("887022120C06C226") : kiosk::card::Bytes(16, 0);
  return k;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace kiosk::card;
  const ByteView input(data, size);
  for (CipherKind kind : {CipherKind::Des3, CipherKind::Aes128}) {
    try {
      SecureMessaging sm(keys(kind));
      sm.unprotect(ResponseApdu::parse(input));
    } catch (const CardError&) {
    }
    try {
      SecureMessaging sm(keys(kind));
      sm.unprotect_command(CommandApdu::parse(input));
    } catch (const CardError&) {
    }
  }
  return 0;
}
