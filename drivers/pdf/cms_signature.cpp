#include "drivers/pdf/cms_signature.hpp"

#include <openssl/err.h>
#include <openssl/objects.h>

#include <algorithm>
#include <climits>

namespace kiosk::pdf {
namespace {

using Der = std::vector<std::uint8_t>;

void append_der_length(Der& out, std::size_t length) {
  if (length < 0x80) {
    out.push_back(static_cast<std::uint8_t>(length));
    return;
  }
  Der bytes;
  for (std::size_t n = length; n != 0; n >>= 8) {
    bytes.insert(bytes.begin(), static_cast<std::uint8_t>(n & 0xff));
  }
  out.push_back(static_cast<std::uint8_t>(0x80 | bytes.size()));
  out.insert(out.end(), bytes.begin(), bytes.end());
}

// The DER SET OF the signer's signed attributes: what the signature covers.
PdfResult<Der> signed_attributes_der(CMS_SignerInfo* si) {
  std::vector<Der> items;
  const int count = CMS_signed_get_attr_count(si);
  for (int i = 0; i < count; ++i) {
    X509_ATTRIBUTE* attribute = CMS_signed_get_attr(si, i);
    const int size = i2d_X509_ATTRIBUTE(attribute, nullptr);
    if (size <= 0) {
      return PdfError{PdfErrorCode::SigningFailed, "cannot encode signed attribute"};
    }
    Der item(static_cast<std::size_t>(size));
    unsigned char* p = item.data();
    i2d_X509_ATTRIBUTE(attribute, &p);
    items.push_back(std::move(item));
  }
  std::sort(items.begin(), items.end());  // DER orders SET OF members by their encodings
  std::size_t body = 0;
  for (const auto& item : items) {
    body += item.size();
  }
  Der out{0x31};
  append_der_length(out, body);
  for (const auto& item : items) {
    out.insert(out.end(), item.begin(), item.end());
  }
  return out;
}

// OpenSSL always adds signing-time when it signs; PAdES B-B forbids it, so
// drop it and sign the remaining attributes with the same key.
PdfResult<bool> resign_without_signing_time(CMS_SignerInfo* si, EVP_PKEY* key) {
  const int location = CMS_signed_get_attr_by_NID(si, NID_pkcs9_signingTime, -1);
  if (location < 0) {
    return true;
  }
  X509_ATTRIBUTE_free(CMS_signed_delete_attr(si, location));
  auto attributes = signed_attributes_der(si);
  if (!attributes) {
    return attributes.error();
  }
  ossl::MdCtx ctx(EVP_MD_CTX_new());
  std::size_t size = 0;
  if (!ctx || EVP_DigestSignInit(ctx.get(), nullptr, EVP_sha256(), nullptr, key) != 1 ||
      EVP_DigestSign(ctx.get(), nullptr, &size, attributes->data(), attributes->size()) != 1) {
    return PdfError{PdfErrorCode::SigningFailed, take_openssl_error()};
  }
  Der signature(size);
  if (EVP_DigestSign(ctx.get(), signature.data(), &size, attributes->data(), attributes->size()) != 1 ||
      size > INT_MAX) {
    return PdfError{PdfErrorCode::SigningFailed, take_openssl_error()};
  }
  ASN1_OCTET_STRING* slot = CMS_SignerInfo_get0_signature(si);
  if (ASN1_OCTET_STRING_set(slot, signature.data(), static_cast<int>(size)) != 1) {
    return PdfError{PdfErrorCode::SigningFailed, take_openssl_error()};
  }
  return true;
}

std::string common_name(X509* cert) {
  X509_NAME* subject = X509_get_subject_name(cert);
  const int index = X509_NAME_get_index_by_NID(subject, NID_commonName, -1);
  if (index < 0) {
    return {};
  }
  ASN1_STRING* data = X509_NAME_ENTRY_get_data(X509_NAME_get_entry(subject, index));
  unsigned char* utf8 = nullptr;
  const int length = ASN1_STRING_to_UTF8(&utf8, data);
  if (length < 0) {
    return {};
  }
  std::string name(reinterpret_cast<const char*>(utf8), static_cast<std::size_t>(length));
  OPENSSL_free(utf8);
  return name;
}

ossl::Bio memory_bio(std::span<const std::uint8_t> bytes) {
  return ossl::Bio(BIO_new_mem_buf(bytes.data(), static_cast<int>(bytes.size())));
}

}  // namespace

std::size_t cades_size_bound(const SignerIdentity& signer) {
  std::size_t size = 2048 + static_cast<std::size_t>(EVP_PKEY_get_size(signer.key.get()));
  size += static_cast<std::size_t>(std::max(0, i2d_X509(signer.certificate.get(), nullptr)));
  for (const auto& cert : signer.chain) {
    size += static_cast<std::size_t>(std::max(0, i2d_X509(cert.get(), nullptr)));
  }
  return size;
}

PdfResult<std::vector<std::uint8_t>> sign_cades_detached(const SignerIdentity& signer,
                                                         std::span<const std::uint8_t> content) {
  if (content.size() > INT_MAX) {
    return PdfError{PdfErrorCode::SigningFailed, "content too large"};
  }
  constexpr unsigned kFlags = CMS_BINARY | CMS_DETACHED | CMS_PARTIAL | CMS_NOSMIMECAP | CMS_CADES;
  ossl::Cms cms(CMS_sign(nullptr, nullptr, nullptr, nullptr, kFlags));
  if (!cms) {
    return PdfError{PdfErrorCode::SigningFailed, take_openssl_error()};
  }
  CMS_SignerInfo* si =
      CMS_add1_signer(cms.get(), signer.certificate.get(), signer.key.get(), EVP_sha256(), kFlags);
  if (si == nullptr) {
    return PdfError{PdfErrorCode::SigningFailed, take_openssl_error()};
  }
  for (const auto& cert : signer.chain) {
    if (CMS_add1_cert(cms.get(), cert.get()) != 1) {
      return PdfError{PdfErrorCode::SigningFailed, take_openssl_error()};
    }
  }
  ossl::Bio data = memory_bio(content);
  if (!data || CMS_final(cms.get(), data.get(), nullptr, kFlags) != 1) {
    return PdfError{PdfErrorCode::SigningFailed, take_openssl_error()};
  }
  auto resigned = resign_without_signing_time(si, signer.key.get());
  if (!resigned) {
    return resigned.error();
  }
  const int size = i2d_CMS_ContentInfo(cms.get(), nullptr);
  if (size <= 0) {
    return PdfError{PdfErrorCode::SigningFailed, take_openssl_error()};
  }
  std::vector<std::uint8_t> der(static_cast<std::size_t>(size));
  unsigned char* p = der.data();
  i2d_CMS_ContentInfo(cms.get(), &p);
  return der;
}

CmsCheck check_cades_detached(std::span<const std::uint8_t> cms_der, std::span<const std::uint8_t> content,
                              X509_STORE* trust) {
  CmsCheck check;
  if (cms_der.size() > INT_MAX || content.size() > INT_MAX) {
    check.problem = "signature or content too large";
    return check;
  }
  const unsigned char* p = cms_der.data();
  ossl::Cms cms(d2i_CMS_ContentInfo(nullptr, &p, static_cast<long>(cms_der.size())));
  if (!cms || OBJ_obj2nid(CMS_get0_type(cms.get())) != NID_pkcs7_signed) {
    check.problem = "not a CMS SignedData";
    ERR_clear_error();
    return check;
  }
  STACK_OF(CMS_SignerInfo)* signers = CMS_get0_SignerInfos(cms.get());
  if (signers == nullptr || sk_CMS_SignerInfo_num(signers) != 1) {
    check.problem = "expected exactly one signer";
    return check;
  }
  check.well_formed = true;
  {
    ossl::Bio data = memory_bio(content);
    if (CMS_verify(cms.get(), nullptr, nullptr, data.get(), nullptr,
                   CMS_BINARY | CMS_NO_SIGNER_CERT_VERIFY) != 1) {
      check.problem = "signature does not match the document: " + take_openssl_error();
      return check;
    }
  }
  check.intact = true;
  X509* signer_cert = nullptr;
  CMS_SignerInfo_get0_algs(sk_CMS_SignerInfo_value(signers, 0), nullptr, &signer_cert, nullptr, nullptr);
  if (signer_cert != nullptr) {
    check.signer_common_name = common_name(signer_cert);
  }
  if (trust == nullptr) {
    check.problem = "no trust store given";
    return check;
  }
  ossl::Bio data = memory_bio(content);
  if (CMS_verify(cms.get(), nullptr, trust, data.get(), nullptr, CMS_BINARY) != 1) {
    check.problem = "signer certificate not trusted: " + take_openssl_error();
    return check;
  }
  check.trusted = true;
  return check;
}

}  // namespace kiosk::pdf
