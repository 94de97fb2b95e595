#include "drivers/card/active_auth.hpp"

#include <openssl/ecdsa.h>
#include <openssl/rsa.h>

#include "drivers/card/card_error.hpp"
#include "drivers/card/crypto.hpp"

namespace kiosk::card {

namespace {
// ISO/IEC 9796-2 trailer: 0xBC means SHA-1; 0x??CC names the hash.
std::optional<std::pair<std::string, std::size_t>> trailer_hash(ByteView m) {
  if (m.back() == 0xBC)
    return std::make_pair(std::string("SHA1"), std::size_t{1});
  if (m.size() >= 2 && m.back() == 0xCC) {
    switch (m[m.size() - 2]) {
      case 0x33:
        return std::make_pair(std::string("SHA1"), std::size_t{2});
      case 0x34:
        return std::make_pair(std::string("SHA256"), std::size_t{2});
      case 0x35:
        return std::make_pair(std::string("SHA512"), std::size_t{2});
      case 0x36:
        return std::make_pair(std::string("SHA384"), std::size_t{2});
      case 0x38:
        return std::make_pair(std::string("SHA224"), std::size_t{2});
      default:
        return std::nullopt;
    }
  }
  return std::nullopt;
}

bool verify_rsa(EVP_PKEY* key, ByteView challenge, ByteView signature) {
  ossl::PkeyCtx ctx(EVP_PKEY_CTX_new_from_pkey(nullptr, key, nullptr));
  if (!ctx || EVP_PKEY_verify_recover_init(ctx.get()) != 1 ||
      EVP_PKEY_CTX_set_rsa_padding(ctx.get(), RSA_NO_PADDING) != 1) {
    return false;
  }
  Bytes m(static_cast<std::size_t>(EVP_PKEY_get_size(key)));
  std::size_t len = m.size();
  if (EVP_PKEY_verify_recover(ctx.get(), m.data(), &len, signature.data(), signature.size()) != 1)
    return false;
  m.resize(len);
  if (m.size() < 4 || (m[0] & 0xC0) != 0x40 || (m[0] & 0x0F) != 0x0A)
    return false;  // partial recovery header 6A
  const auto hash = trailer_hash(m);
  if (!hash)
    return false;
  const std::size_t hash_len = crypto::digest(hash->first, {}).size();
  if (m.size() < 1 + hash_len + hash->second)
    return false;
  const ByteView recovered = ByteView(m).subspan(1, m.size() - 1 - hash_len - hash->second);
  const ByteView digest = ByteView(m).subspan(1 + recovered.size(), hash_len);
  return equal_constant_time(crypto::digest(hash->first, concat(recovered, challenge)), digest);
}

bool verify_ecdsa(EVP_PKEY* key, ByteView challenge, ByteView signature) {
  if (signature.empty() || signature.size() % 2 != 0)
    return false;
  const std::size_t half = signature.size() / 2;
  ECDSA_SIG* sig = ECDSA_SIG_new();
  BIGNUM* r = BN_bin2bn(signature.data(), static_cast<int>(half), nullptr);
  BIGNUM* s = BN_bin2bn(signature.data() + half, static_cast<int>(half), nullptr);
  if (!sig || !r || !s || ECDSA_SIG_set0(sig, r, s) != 1) {
    BN_free(r);
    BN_free(s);
    ECDSA_SIG_free(sig);
    return false;
  }
  unsigned char* der = nullptr;
  const int der_len = i2d_ECDSA_SIG(sig, &der);
  ECDSA_SIG_free(sig);
  if (der_len <= 0)
    return false;
  ossl::MdCtx md(EVP_MD_CTX_new());
  const bool ok = md &&
                  EVP_DigestVerifyInit_ex(md.get(), nullptr, "SHA256", nullptr, nullptr, key, nullptr) == 1 &&
                  EVP_DigestVerify(md.get(), der, static_cast<std::size_t>(der_len), challenge.data(),
                                   challenge.size()) == 1;
  OPENSSL_free(der);
  return ok;
}
}  // namespace

bool verify_active_authentication(EVP_PKEY* key, ByteView challenge, ByteView signature) {
  if (!key || signature.empty())
    return false;
  if (EVP_PKEY_is_a(key, "RSA"))
    return verify_rsa(key, challenge, signature);
  if (EVP_PKEY_is_a(key, "EC"))
    return verify_ecdsa(key, challenge, signature);
  return false;
}

Bytes sign_active_authentication(EVP_PKEY* private_key, ByteView challenge) {
  if (EVP_PKEY_is_a(private_key, "RSA")) {
    const std::size_t k = static_cast<std::size_t>(EVP_PKEY_get_size(private_key));
    const Bytes m1 = crypto::random_bytes(k - 2 - 20);
    const Bytes m = concat(Bytes{0x6A}, m1, crypto::digest("SHA1", concat(m1, challenge)), Bytes{0xBC});
    ossl::PkeyCtx ctx(EVP_PKEY_CTX_new_from_pkey(nullptr, private_key, nullptr));
    Bytes sig(k);
    std::size_t len = k;
    if (!ctx || EVP_PKEY_sign_init(ctx.get()) != 1 ||
        EVP_PKEY_CTX_set_rsa_padding(ctx.get(), RSA_NO_PADDING) != 1 ||
        EVP_PKEY_sign(ctx.get(), sig.data(), &len, m.data(), m.size()) != 1) {
      throw CardError(ErrorCode::InvalidData, "active authentication signature failed");
    }
    sig.resize(len);
    return sig;
  }
  ossl::MdCtx md(EVP_MD_CTX_new());
  std::size_t len = 0;
  if (!md ||
      EVP_DigestSignInit_ex(md.get(), nullptr, "SHA256", nullptr, nullptr, private_key, nullptr) != 1 ||
      EVP_DigestSign(md.get(), nullptr, &len, challenge.data(), challenge.size()) != 1) {
    throw CardError(ErrorCode::InvalidData, "active authentication signature failed");
  }
  Bytes der(len);
  if (EVP_DigestSign(md.get(), der.data(), &len, challenge.data(), challenge.size()) != 1) {
    throw CardError(ErrorCode::InvalidData, "active authentication signature failed");
  }
  const unsigned char* p = der.data();
  ECDSA_SIG* sig = d2i_ECDSA_SIG(nullptr, &p, static_cast<long>(len));
  if (!sig)
    throw CardError(ErrorCode::InvalidData, "active authentication signature failed");
  const int half = (EVP_PKEY_get_bits(private_key) + 7) / 8;
  Bytes plain(static_cast<std::size_t>(half) * 2);
  BN_bn2binpad(ECDSA_SIG_get0_r(sig), plain.data(), half);
  BN_bn2binpad(ECDSA_SIG_get0_s(sig), plain.data() + half, half);
  ECDSA_SIG_free(sig);
  return plain;
}

}  // namespace kiosk::card
