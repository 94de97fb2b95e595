#include "drivers/pdf/signer_identity.hpp"

#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/store.h>
#include <openssl/ui.h>

#include <cstdio>
#include <memory>

namespace kiosk::pdf {
namespace {

PdfResult<ossl::Pkey> load_key(const std::string& uri) {
  // UI_null: a locked key must fail, never wait for a passphrase on a
  // terminal nobody watches.
  ossl::Store store(OSSL_STORE_open(uri.c_str(), UI_null(), nullptr, nullptr, nullptr));
  if (!store) {
    return PdfError{PdfErrorCode::KeyUnreadable, "cannot open key store: " + take_openssl_error()};
  }
  OSSL_STORE_expect(store.get(), OSSL_STORE_INFO_PKEY);
  while (OSSL_STORE_eof(store.get()) == 0) {
    ossl::StoreInfo info(OSSL_STORE_load(store.get()));
    if (!info) {
      continue;
    }
    if (OSSL_STORE_INFO_get_type(info.get()) == OSSL_STORE_INFO_PKEY) {
      ossl::Pkey key(OSSL_STORE_INFO_get1_PKEY(info.get()));
      if (key) {
        ERR_clear_error();
        return key;
      }
    }
  }
  return PdfError{PdfErrorCode::KeyUnreadable, "no private key in store: " + take_openssl_error()};
}

}  // namespace

PdfResult<SignerIdentity> SignerIdentity::load(const std::string& key_uri,
                                               const std::string& certificate_pem) {
  auto key = load_key(key_uri);
  if (!key) {
    return key.error();
  }
  std::unique_ptr<std::FILE, ossl::Deleter<std::fclose>> file(std::fopen(certificate_pem.c_str(), "rb"));
  if (!file) {
    return PdfError{PdfErrorCode::CertificateUnreadable, "cannot open certificate file"};
  }
  SignerIdentity identity;
  identity.key = std::move(key.value());
  while (X509* cert = PEM_read_X509(file.get(), nullptr, nullptr, nullptr)) {
    if (!identity.certificate) {
      identity.certificate.reset(cert);
    } else {
      identity.chain.emplace_back(cert);
    }
  }
  ERR_clear_error();
  if (!identity.certificate) {
    return PdfError{PdfErrorCode::CertificateUnreadable, "no PEM certificate in file"};
  }
  if (X509_check_private_key(identity.certificate.get(), identity.key.get()) != 1) {
    return PdfError{PdfErrorCode::KeyCertificateMismatch, take_openssl_error()};
  }
  return identity;
}

}  // namespace kiosk::pdf
