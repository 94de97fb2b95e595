#pragma once
// PACE with generic mapping on elliptic curves (ICAO 9303 Part 11, 4.4):
// the pieces both the reader and the virtual card compute.
#include <string_view>

#include "drivers/card/ec_math.hpp"
#include "drivers/card/key_derivation.hpp"
#include "drivers/card/mrz_key.hpp"

namespace kiosk::card {

// Kpi = KDF(SHA-1(MRZ information), 3): the key that encrypts the nonce.
Bytes pace_password_key(const MrzKey& key);

// Authentication token: CMAC over the public key data object 7F49 {06 OID,
// 86 point} of the OTHER party's ephemeral key, first 8 bytes.
Bytes pace_token(ByteView ks_mac, std::string_view protocol_oid, ByteView public_point);

// G' = s*G + H where H = shared mapping point.
ossl::EcPoint pace_mapped_generator(const ec::Curve& curve, const BIGNUM* nonce, const EC_POINT* shared);

// AES session keys from an ECDH x coordinate (PACE and chip authentication),
// SSC zero.
SessionKeys aes_session_keys(ByteView shared_x);

// Dynamic authentication data (7C) with one object inside.
Bytes authentication_data(std::uint8_t tag, ByteView value);
// The value of object `tag` inside a 7C response; CardError(AccessDenied).
Bytes authentication_object(ByteView response, std::uint8_t tag);

}  // namespace kiosk::card
