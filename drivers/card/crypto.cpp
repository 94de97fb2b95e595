#include "drivers/card/crypto.hpp"

#include <openssl/core_names.h>
#include <openssl/provider.h>
#include <openssl/rand.h>

#include "drivers/card/card_error.hpp"
#include "kiosk/crypto/openssl_handles.hpp"

namespace kiosk::card::crypto {

namespace {

[[noreturn]] void fail(const char* what) {
  throw CardError(ErrorCode::InvalidData, std::string("cryptographic operation failed: ") + what);
}

Bytes run_cipher(const char* name, ByteView key, ByteView iv, ByteView data, Direction direction) {
  ensure_providers();
  ossl::CipherCtx ctx(EVP_CIPHER_CTX_new());
  EVP_CIPHER* cipher = EVP_CIPHER_fetch(nullptr, name, nullptr);
  if (!ctx || !cipher) {
    EVP_CIPHER_free(cipher);
    fail(name);
  }
  const int enc = direction == Direction::Encrypt ? 1 : 0;
  const bool ok =
      EVP_CipherInit_ex2(ctx.get(), cipher, key.data(), iv.empty() ? nullptr : iv.data(), enc, nullptr) == 1;
  EVP_CIPHER_free(cipher);
  if (!ok)
    fail(name);
  EVP_CIPHER_CTX_set_padding(ctx.get(), 0);
  Bytes out(data.size() + 32);
  int len1 = 0;
  int len2 = 0;
  if (EVP_CipherUpdate(ctx.get(), out.data(), &len1, data.data(), static_cast<int>(data.size())) != 1 ||
      EVP_CipherFinal_ex(ctx.get(), out.data() + len1, &len2) != 1) {
    fail(name);
  }
  out.resize(static_cast<std::size_t>(len1 + len2));
  return out;
}

void require_blocks(ByteView data, std::size_t block) {
  if (data.size() % block != 0) {
    throw CardError(ErrorCode::SecureMessaging, "cipher input is not a whole number of blocks");
  }
}

}  // namespace

namespace {
// Loading `legacy` explicitly disables the implicit default provider, so both
// are loaded. OpenSSL is initialised first so that its exit handler runs
// after this object unloads them.
struct Providers {
  Providers() {
    OPENSSL_init_crypto(0, nullptr);
    base = OSSL_PROVIDER_load(nullptr, "default");
    legacy = OSSL_PROVIDER_load(nullptr, "legacy");
  }
  ~Providers() {
    if (legacy)
      OSSL_PROVIDER_unload(legacy);
    if (base)
      OSSL_PROVIDER_unload(base);
  }
  Providers(const Providers&) = delete;
  Providers& operator=(const Providers&) = delete;
  OSSL_PROVIDER* base = nullptr;
  OSSL_PROVIDER* legacy = nullptr;
};
}  // namespace

void ensure_providers() {
  static const Providers providers;
  if (!providers.base || !providers.legacy) {
    throw CardError(ErrorCode::InvalidData, "OpenSSL legacy provider unavailable (needed for DES)");
  }
}

Bytes des3_cbc(ByteView key16, ByteView iv, ByteView data, Direction direction) {
  if (key16.size() != 16)
    fail("3DES key length");
  require_blocks(data, 8);
  const Bytes zero(8, 0);
  return run_cipher("DES-EDE-CBC", key16, iv.empty() ? ByteView(zero) : iv, data, direction);
}

Bytes aes_cbc(ByteView key, ByteView iv, ByteView data, Direction direction) {
  require_blocks(data, 16);
  const char* name = key.size() == 16 ? "AES-128-CBC" : key.size() == 24 ? "AES-192-CBC" : "AES-256-CBC";
  const Bytes zero(16, 0);
  return run_cipher(name, key, iv.empty() ? ByteView(zero) : iv, data, direction);
}

Bytes aes_ecb_block(ByteView key, ByteView block) {
  const char* name = key.size() == 16 ? "AES-128-ECB" : key.size() == 24 ? "AES-192-ECB" : "AES-256-ECB";
  require_blocks(block, 16);
  return run_cipher(name, key, {}, block, Direction::Encrypt);
}

Bytes retail_mac(ByteView key16, ByteView padded) {
  if (key16.size() != 16)
    fail("MAC key length");
  require_blocks(padded, 8);
  const ByteView ka = key16.subspan(0, 8);
  const ByteView kb = key16.subspan(8, 8);
  const Bytes zero(8, 0);
  // Single-DES CBC over every block with Ka, then the last block once more
  // through DES^-1 with Kb and DES with Ka.
  const Bytes chain = run_cipher("DES-CBC", ka, zero, padded, Direction::Encrypt);
  const ByteView last = ByteView(chain).subspan(chain.size() - 8);
  const Bytes step = run_cipher("DES-ECB", kb, {}, last, Direction::Decrypt);
  return run_cipher("DES-ECB", ka, {}, step, Direction::Encrypt);
}

Bytes aes_cmac(ByteView key, ByteView data) {
  ensure_providers();
  ossl::Mac mac(EVP_MAC_fetch(nullptr, "CMAC", nullptr));
  if (!mac)
    fail("CMAC");
  ossl::MacCtx ctx(EVP_MAC_CTX_new(mac.get()));
  const char* cipher = key.size() == 16 ? "AES-128-CBC" : key.size() == 24 ? "AES-192-CBC" : "AES-256-CBC";
  OSSL_PARAM params[] = {
      OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_CIPHER, const_cast<char*>(cipher), 0),
      OSSL_PARAM_construct_end()};
  Bytes out(16);
  std::size_t len = 0;
  if (!ctx || EVP_MAC_init(ctx.get(), key.data(), key.size(), params) != 1 ||
      EVP_MAC_update(ctx.get(), data.data(), data.size()) != 1 ||
      EVP_MAC_final(ctx.get(), out.data(), &len, out.size()) != 1) {
    fail("CMAC");
  }
  out.resize(len);
  return out;
}

Bytes pad(ByteView data, std::size_t block) {
  Bytes out(data.begin(), data.end());
  out.push_back(0x80);
  while (out.size() % block != 0)
    out.push_back(0x00);
  return out;
}

Bytes unpad(ByteView data) {
  std::size_t i = data.size();
  while (i > 0 && data[i - 1] == 0x00)
    --i;
  if (i == 0 || data[i - 1] != 0x80) {
    throw CardError(ErrorCode::SecureMessaging, "secure messaging padding is missing");
  }
  return Bytes(data.begin(), data.begin() + static_cast<std::ptrdiff_t>(i - 1));
}

Bytes digest(std::string_view algorithm, ByteView data) {
  ensure_providers();
  EVP_MD* md = EVP_MD_fetch(nullptr, std::string(algorithm).c_str(), nullptr);
  if (!md)
    fail("digest algorithm");
  Bytes out(static_cast<std::size_t>(EVP_MD_get_size(md)));
  unsigned int len = 0;
  const bool ok = EVP_Digest(data.data(), data.size(), out.data(), &len, md, nullptr) == 1;
  EVP_MD_free(md);
  if (!ok)
    fail("digest");
  out.resize(len);
  return out;
}

Bytes random_bytes(std::size_t count) {
  Bytes out(count);
  if (count > 0 && RAND_bytes(out.data(), static_cast<int>(count)) != 1)
    fail("random");
  return out;
}

void adjust_parity(Bytes& key) {
  for (auto& b : key) {
    int ones = 0;
    for (int bit = 1; bit < 8; ++bit)
      ones += (b >> bit) & 1;
    b = static_cast<std::uint8_t>((b & 0xFE) | ((ones % 2 == 0) ? 1 : 0));
  }
}

}  // namespace kiosk::card::crypto
