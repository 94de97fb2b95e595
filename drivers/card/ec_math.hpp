#pragma once
// Elliptic-curve arithmetic for PACE generic mapping and chip
// authentication: both need points that EVP key agreement does not expose
// (the mapped generator G' = s*G + H).
#include <string>

#include "drivers/card/bytes.hpp"
#include "kiosk/crypto/openssl_handles.hpp"

namespace kiosk::card::ec {

struct Curve {
  ossl::EcGroup group;
  ossl::BnCtx bn;

  explicit Curve(int nid);
  // Standardized domain parameter IDs of ICAO 9303 Part 11, 9.5.1 (12 = P-256).
  static Curve from_parameter_id(int id);
  static Curve from_key(EVP_PKEY* key);

  Bytes encode(const EC_POINT* point) const;   // uncompressed 04||X||Y
  ossl::EcPoint decode(ByteView bytes) const;  // throws CardError(InvalidData) if not on curve
  ossl::EcPoint multiply(const EC_POINT* point, const BIGNUM* scalar) const;  // point may be null: generator
  ossl::EcPoint add(const EC_POINT* a, const EC_POINT* b) const;
  ossl::Bignum random_scalar() const;
  Bytes x_coordinate(const EC_POINT* point) const;  // fixed length
};

ossl::Bignum bignum(ByteView bytes);
ossl::Bignum private_scalar(EVP_PKEY* key);
Bytes public_point(EVP_PKEY* key);

}  // namespace kiosk::card::ec
