#include "drivers/card/ec_math.hpp"

#include <openssl/core_names.h>
#include <openssl/obj_mac.h>
#include <openssl/objects.h>

#include "drivers/card/card_error.hpp"

namespace kiosk::card::ec {

namespace {
[[noreturn]] void bad(const char* what) {
  throw CardError(ErrorCode::InvalidData, std::string("EC: ") + what);
}
}  // namespace

Curve::Curve(int nid) : group(EC_GROUP_new_by_curve_name(nid)), bn(BN_CTX_new()) {
  if (!group || !bn)
    bad("unsupported curve");
}

Curve Curve::from_parameter_id(int id) {
  switch (id) {
    case 12:
      return Curve(NID_X9_62_prime256v1);
    case 13:
      return Curve(NID_brainpoolP256r1);
    case 15:
      return Curve(NID_secp384r1);
    case 16:
      return Curve(NID_brainpoolP384r1);
    default:
      bad("unsupported standardized domain parameters");
  }
}

Curve Curve::from_key(EVP_PKEY* key) {
  char name[80] = {};
  if (EVP_PKEY_get_utf8_string_param(key, OSSL_PKEY_PARAM_GROUP_NAME, name, sizeof name, nullptr) != 1) {
    bad("key is not on a named curve");
  }
  const int nid = OBJ_txt2nid(name);
  if (nid == NID_undef)
    bad("unknown curve");
  return Curve(nid);
}

Bytes Curve::encode(const EC_POINT* point) const {
  const std::size_t len =
      EC_POINT_point2oct(group.get(), point, POINT_CONVERSION_UNCOMPRESSED, nullptr, 0, bn.get());
  if (len == 0)
    bad("point does not encode");
  Bytes out(len);
  EC_POINT_point2oct(group.get(), point, POINT_CONVERSION_UNCOMPRESSED, out.data(), len, bn.get());
  return out;
}

ossl::EcPoint Curve::decode(ByteView bytes) const {
  ossl::EcPoint p(EC_POINT_new(group.get()));
  if (!p || bytes.empty() || bytes[0] != 0x04 ||
      EC_POINT_oct2point(group.get(), p.get(), bytes.data(), bytes.size(), bn.get()) != 1 ||
      EC_POINT_is_on_curve(group.get(), p.get(), bn.get()) != 1 ||
      EC_POINT_is_at_infinity(group.get(), p.get())) {
    bad("point is not on the curve");
  }
  return p;
}

ossl::EcPoint Curve::multiply(const EC_POINT* point, const BIGNUM* scalar) const {
  ossl::EcPoint r(EC_POINT_new(group.get()));
  const int ok = point ? EC_POINT_mul(group.get(), r.get(), nullptr, point, scalar, bn.get())
                       : EC_POINT_mul(group.get(), r.get(), scalar, nullptr, nullptr, bn.get());
  if (!r || ok != 1 || EC_POINT_is_at_infinity(group.get(), r.get()))
    bad("scalar multiplication failed");
  return r;
}

ossl::EcPoint Curve::add(const EC_POINT* a, const EC_POINT* b) const {
  ossl::EcPoint r(EC_POINT_new(group.get()));
  if (!r || EC_POINT_add(group.get(), r.get(), a, b, bn.get()) != 1 ||
      EC_POINT_is_at_infinity(group.get(), r.get())) {
    bad("point addition failed");
  }
  return r;
}

ossl::Bignum Curve::random_scalar() const {
  ossl::Bignum k(BN_new());
  const BIGNUM* order = EC_GROUP_get0_order(group.get());
  do {
    if (!k || BN_priv_rand_range(k.get(), order) != 1)
      bad("random scalar");
  } while (BN_is_zero(k.get()));
  return k;
}

Bytes Curve::x_coordinate(const EC_POINT* point) const {
  ossl::Bignum x(BN_new());
  if (EC_POINT_get_affine_coordinates(group.get(), point, x.get(), nullptr, bn.get()) != 1)
    bad("affine coordinates");
  const int size = (EC_GROUP_get_degree(group.get()) + 7) / 8;
  Bytes out(static_cast<std::size_t>(size));
  BN_bn2binpad(x.get(), out.data(), size);
  return out;
}

ossl::Bignum bignum(ByteView bytes) {
  return ossl::Bignum(BN_bin2bn(bytes.data(), static_cast<int>(bytes.size()), nullptr));
}

ossl::Bignum private_scalar(EVP_PKEY* key) {
  BIGNUM* d = nullptr;
  if (EVP_PKEY_get_bn_param(key, OSSL_PKEY_PARAM_PRIV_KEY, &d) != 1)
    bad("no private key");
  return ossl::Bignum(d);
}

Bytes public_point(EVP_PKEY* key) {
  std::size_t len = 0;
  if (EVP_PKEY_get_octet_string_param(key, OSSL_PKEY_PARAM_PUB_KEY, nullptr, 0, &len) != 1)
    bad("no public key");
  Bytes out(len);
  EVP_PKEY_get_octet_string_param(key, OSSL_PKEY_PARAM_PUB_KEY, out.data(), out.size(), &len);
  out.resize(len);
  return out;
}

}  // namespace kiosk::card::ec
