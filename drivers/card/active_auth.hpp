#pragma once
// Active authentication (ICAO 9303 Part 11, 6.1): the chip signs the
// reader's 8-byte challenge with the private key matching DG15. RSA uses
// ISO/IEC 9796-2 digital signature scheme 1; ECDSA uses plain r||s.
#include <optional>
#include <string>

#include "drivers/card/bytes.hpp"
#include "kiosk/crypto/openssl_handles.hpp"

namespace kiosk::card {

// True when `signature` is the chip's answer to `challenge` for `key`.
bool verify_active_authentication(EVP_PKEY* key, ByteView challenge, ByteView signature);

// The chip's side (used by the virtual card).
Bytes sign_active_authentication(EVP_PKEY* private_key, ByteView challenge);

}  // namespace kiosk::card
