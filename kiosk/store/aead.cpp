#include "kiosk/store/aead.hpp"

#include <openssl/evp.h>

#include <memory>

namespace kiosk::store {
namespace {

constexpr std::size_t kNonce = 12;
constexpr std::size_t kTag = 16;

struct CtxDeleter {
  void operator()(EVP_CIPHER_CTX* ctx) const { EVP_CIPHER_CTX_free(ctx); }
};
using CipherCtx = std::unique_ptr<EVP_CIPHER_CTX, CtxDeleter>;

const auto* as_uchar(std::string_view s) {
  return reinterpret_cast<const unsigned char*>(s.data());
}

}  // namespace

Result<Bytes> seal(const Key256& key, std::span<const std::uint8_t> plaintext, std::string_view associated) {
  CipherCtx ctx(EVP_CIPHER_CTX_new());
  Bytes out = random_bytes(kNonce);
  out.resize(kNonce + plaintext.size() + kTag);
  int len = 0;
  if (!ctx || EVP_EncryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, key.data(), out.data()) != 1 ||
      EVP_EncryptUpdate(ctx.get(), nullptr, &len, as_uchar(associated),
                        static_cast<int>(associated.size())) != 1 ||
      EVP_EncryptUpdate(ctx.get(), out.data() + kNonce, &len, plaintext.data(),
                        static_cast<int>(plaintext.size())) != 1 ||
      EVP_EncryptFinal_ex(ctx.get(), out.data() + kNonce + len, &len) != 1 ||
      EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_GET_TAG, kTag, out.data() + kNonce + plaintext.size()) !=
          1) {
    return Error{ErrorCode::Internal, "AES-GCM seal failed"};
  }
  return out;
}

Result<Bytes> open_sealed(const Key256& key, std::span<const std::uint8_t> sealed,
                          std::string_view associated) {
  if (sealed.size() < kNonce + kTag) {
    return Error{ErrorCode::StorageCorrupt, "sealed value too short"};
  }
  const std::size_t n = sealed.size() - kNonce - kTag;
  CipherCtx ctx(EVP_CIPHER_CTX_new());
  Bytes plain(n);
  int len = 0;
  Bytes tag(sealed.end() - kTag, sealed.end());
  if (!ctx || EVP_DecryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, key.data(), sealed.data()) != 1 ||
      EVP_DecryptUpdate(ctx.get(), nullptr, &len, as_uchar(associated),
                        static_cast<int>(associated.size())) != 1 ||
      EVP_DecryptUpdate(ctx.get(), plain.data(), &len, sealed.data() + kNonce, static_cast<int>(n)) != 1 ||
      EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_TAG, kTag, tag.data()) != 1) {
    return Error{ErrorCode::Internal, "AES-GCM open failed"};
  }
  if (EVP_DecryptFinal_ex(ctx.get(), plain.data() + len, &len) != 1) {
    return Error{ErrorCode::StorageCorrupt, "sealed value does not authenticate"};
  }
  return plain;
}

}  // namespace kiosk::store
