#include "drivers/card/passive_auth.hpp"

#include <openssl/err.h>
#include <openssl/objects.h>
#include <openssl/pem.h>

#include <fstream>
#include <iterator>

#include "drivers/card/card_error.hpp"
#include "drivers/card/crypto.hpp"
#include "drivers/card/security_infos.hpp"
#include "drivers/card/tlv.hpp"

namespace kiosk::card {

namespace {
[[noreturn]] void bad(const std::string& what) {
  throw CardError(ErrorCode::InvalidData, "SOD: " + what);
}

ossl::Cms load_cms(ByteView der) {
  const unsigned char* p = der.data();
  ossl::Cms cms(d2i_CMS_ContentInfo(nullptr, &p, static_cast<long>(der.size())));
  if (!cms)
    bad("not a CMS structure");
  return cms;
}

std::string hash_name(const std::string& algorithm_oid) {
  ASN1_OBJECT* obj = OBJ_txt2obj(algorithm_oid.c_str(), 1);
  if (!obj)
    bad("unknown hash algorithm");
  const int nid = OBJ_obj2nid(obj);
  ASN1_OBJECT_free(obj);
  const char* name = OBJ_nid2sn(nid);
  if (nid == NID_undef || !name)
    bad("unknown hash algorithm");
  return name;
}

std::string subject_of(X509* cert) {
  char buf[256] = {};
  X509_NAME_oneline(X509_get_subject_name(cert), buf, sizeof buf - 1);
  return buf;
}
}  // namespace

SecurityObject parse_sod(ByteView file) {
  const Tlv top = parse_tlv(file);
  if (top.tag != 0x77)
    bad("wrong tag");
  SecurityObject sod;
  sod.signed_data.assign(top.value.begin(), top.value.end());
  ossl::Cms cms = load_cms(sod.signed_data);
  if (OBJ_obj2nid(CMS_get0_type(cms.get())) != NID_pkcs7_signed)
    bad("not SignedData");
  ASN1_OCTET_STRING** content = CMS_get0_content(cms.get());
  if (!content || !*content)
    bad("no encapsulated LDS security object");
  const ByteView lds(ASN1_STRING_get0_data(*content), static_cast<std::size_t>(ASN1_STRING_length(*content)));
  // LDSSecurityObject ::= SEQUENCE { version, hashAlgorithm, dataGroupHashValues }
  const Tlv seq = parse_tlv(lds);
  if (seq.tag != 0x30)
    bad("LDS security object is not a SEQUENCE");
  TlvReader fields(seq.value);
  fields.expect(0x02);
  const Tlv alg = fields.expect(0x30);
  const Tlv alg_oid = parse_tlv(alg.value);
  if (alg_oid.tag != 0x06)
    bad("hash algorithm identifier");
  sod.hash_algorithm = hash_name(decode_oid(alg_oid.value));
  const Tlv hashes = fields.expect(0x30);
  TlvReader entries(hashes.value);
  while (!entries.at_end()) {
    const Tlv entry = entries.expect(0x30);
    TlvReader e(entry.value);
    const auto number = decode_integer(e.expect(0x02).value);
    const Tlv value = e.expect(0x04);
    if (number < 1 || number > 16)
      bad("data group number out of range");
    sod.hashes[static_cast<int>(number)] = Bytes(value.value.begin(), value.value.end());
  }
  return sod;
}

CscaStore CscaStore::load_directory(const std::filesystem::path& directory) {
  CscaStore store;
  std::error_code ec;
  std::filesystem::directory_iterator it(directory, ec);
  if (ec)
    throw CardError(ErrorCode::InvalidInput, "CSCA directory unreadable: " + directory.string());
  for (const auto& entry : it) {
    if (!entry.is_regular_file())
      continue;
    std::ifstream in(entry.path(), std::ios::binary);
    const Bytes content{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    ossl::Bio bio(BIO_new_mem_buf(content.data(), static_cast<int>(content.size())));
    bool any = false;
    while (X509* cert = PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr)) {
      store.certificates_.emplace_back(cert);
      any = true;
    }
    ERR_clear_error();
    if (!any) {
      const unsigned char* p = content.data();
      if (X509* cert = d2i_X509(nullptr, &p, static_cast<long>(content.size())))
        store.certificates_.emplace_back(cert);
      ERR_clear_error();
    }
  }
  return store;
}

void CscaStore::add(X509* certificate) {
  X509_up_ref(certificate);
  certificates_.emplace_back(certificate);
}

std::string_view passive_status_name(PassiveStatus status) {
  switch (status) {
    case PassiveStatus::NotChecked:
      return "not_checked";
    case PassiveStatus::Valid:
      return "valid";
    case PassiveStatus::SodMalformed:
      return "sod_malformed";
    case PassiveStatus::SignatureInvalid:
      return "signature_invalid";
    case PassiveStatus::NoTrustAnchor:
      return "no_trust_anchor";
    case PassiveStatus::DsUntrusted:
      return "document_signer_untrusted";
    case PassiveStatus::DsExpired:
      return "document_signer_expired";
    case PassiveStatus::HashMismatch:
      return "data_group_hash_mismatch";
    case PassiveStatus::DataGroupMissing:
      return "data_group_not_in_sod";
  }
  return "unknown";
}

PassiveAuthResult verify_passive(ByteView sod_file, const std::map<int, Bytes>& data_groups,
                                 const CscaStore& trust, std::time_t now) {
  PassiveAuthResult result;
  SecurityObject sod;
  ossl::Cms cms(nullptr);
  try {
    sod = parse_sod(sod_file);
    cms = load_cms(sod.signed_data);
  } catch (const CardError& e) {
    result.status = PassiveStatus::SodMalformed;
    result.detail = e.what();
    return result;
  }

  // 1. The signature over the LDS security object, with the DS certificate
  //    carried in the SOD; the chain is checked separately below so that each
  //    failure gets its own status.
  STACK_OF(CMS_SignerInfo)* signers = CMS_get0_SignerInfos(cms.get());
  ossl::X509Stack certs(CMS_get1_certs(cms.get()));
  if (!signers || sk_CMS_SignerInfo_num(signers) != 1 || !certs || sk_X509_num(certs.get()) < 1) {
    result.status = PassiveStatus::SodMalformed;
    result.detail = "SOD must carry exactly one signer and its certificate";
    return result;
  }
  CMS_SignerInfo* si = sk_CMS_SignerInfo_value(signers, 0);
  X509* ds = nullptr;
  for (int i = 0; i < sk_X509_num(certs.get()); ++i) {
    if (CMS_SignerInfo_cert_cmp(si, sk_X509_value(certs.get(), i)) == 0)
      ds = sk_X509_value(certs.get(), i);
  }
  if (!ds) {
    result.status = PassiveStatus::SodMalformed;
    result.detail = "signer certificate not in the SOD";
    return result;
  }
  result.document_signer = subject_of(ds);
  X509_ALGOR* sig_alg = nullptr;
  CMS_SignerInfo_get0_algs(si, nullptr, nullptr, nullptr, &sig_alg);
  if (sig_alg) {
    const ASN1_OBJECT* obj = nullptr;
    X509_ALGOR_get0(&obj, nullptr, nullptr, sig_alg);
    result.signature_algorithm = OBJ_nid2ln(OBJ_obj2nid(obj));
  }
  ossl::Bio out(BIO_new(BIO_s_mem()));
  if (CMS_verify(cms.get(), certs.get(), nullptr, nullptr, out.get(),
                 CMS_NO_SIGNER_CERT_VERIFY | CMS_BINARY) != 1) {
    ERR_clear_error();
    result.status = PassiveStatus::SignatureInvalid;
    result.detail = "the SOD signature does not verify with its Document Signer certificate";
    return result;
  }

  // 2. The DS certificate against the CSCA trust store.
  if (trust.size() == 0) {
    result.status = PassiveStatus::NoTrustAnchor;
    result.detail = "no CSCA certificate configured";
    return result;
  }
  ossl::X509Store store(X509_STORE_new());
  for (const auto& c : trust.certificates())
    X509_STORE_add_cert(store.get(), c.get());
  ossl::X509StoreCtx ctx(X509_STORE_CTX_new());
  X509_STORE_CTX_init(ctx.get(), store.get(), ds, nullptr);
  X509_STORE_CTX_set_time(ctx.get(), 0, now);
  if (X509_verify_cert(ctx.get()) != 1) {
    const int err = X509_STORE_CTX_get_error(ctx.get());
    ERR_clear_error();
    if (err == X509_V_ERR_CERT_HAS_EXPIRED || err == X509_V_ERR_CERT_NOT_YET_VALID) {
      result.status = PassiveStatus::DsExpired;
      result.detail = "the Document Signer certificate is outside its validity period";
    } else {
      result.status = PassiveStatus::DsUntrusted;
      result.detail = std::string("the Document Signer certificate is not from a trusted CSCA: ") +
                      X509_verify_cert_error_string(err);
    }
    return result;
  }

  // 3. Every data group read against its hash.
  for (const auto& [number, content] : data_groups) {
    const auto it = sod.hashes.find(number);
    if (it == sod.hashes.end()) {
      result.status = PassiveStatus::DataGroupMissing;
      result.mismatched_groups.push_back(number);
      continue;
    }
    if (!equal_constant_time(crypto::digest(sod.hash_algorithm, content), it->second)) {
      result.mismatched_groups.push_back(number);
    }
  }
  if (!result.mismatched_groups.empty()) {
    if (result.status != PassiveStatus::DataGroupMissing)
      result.status = PassiveStatus::HashMismatch;
    result.detail = "data group content differs from the SOD: DG";
    for (std::size_t i = 0; i < result.mismatched_groups.size(); ++i) {
      result.detail += (i ? ", DG" : "") + std::to_string(result.mismatched_groups[i]);
    }
    return result;
  }
  result.status = PassiveStatus::Valid;
  result.detail = "SOD signature, Document Signer and " + std::to_string(data_groups.size()) +
                  " data group hashes verified";
  return result;
}

}  // namespace kiosk::card
