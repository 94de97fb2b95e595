#include "sandbox/vcard/chip_contents.hpp"

#include <openssl/cms.h>
#include <openssl/objects.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>

#include <fstream>
#include <iterator>
#include <stdexcept>

#include "drivers/card/citizen_data.hpp"
#include "drivers/card/crypto.hpp"
#include "drivers/card/face_image.hpp"
#include "drivers/card/lds_files.hpp"
#include "drivers/card/mrz.hpp"
#include "drivers/card/security_infos.hpp"
#include "drivers/card/tlv.hpp"
#include "kiosk/core/utf8.hpp"
#include "kiosk/core/vietnamese_text.hpp"

namespace kiosk::vcard {

namespace {
using card::Bytes;
using card::concat;
using card::encode_tlv;

constexpr int kFaceWidth = 160;
constexpr int kFaceHeight = 200;

ossl::Pkey load_key(const std::filesystem::path& path) {
  ossl::Bio bio(BIO_new_file(path.c_str(), "r"));
  ossl::Pkey key(bio ? PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr) : nullptr);
  if (!key)
    throw std::runtime_error("cannot read key " + path.string());
  return key;
}

ossl::X509Ptr load_cert(const std::filesystem::path& path) {
  ossl::Bio bio(BIO_new_file(path.c_str(), "r"));
  ossl::X509Ptr cert(bio ? PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr) : nullptr);
  if (!cert)
    throw std::runtime_error("cannot read certificate " + path.string());
  return cert;
}

Bytes read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in)
    throw std::runtime_error("cannot read " + path.string());
  return Bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// "1990-03-15" -> "900315"
std::string yymmdd(const std::string& iso) {
  if (iso.size() != 10)
    return "";
  return iso.substr(2, 2) + iso.substr(5, 2) + iso.substr(8, 2);
}

// "1990-03-15" -> "15/03/1990", as printed on the card.
std::string printed_date(const std::string& iso) {
  if (iso.size() != 10)
    return "Không thời hạn";
  return iso.substr(8, 2) + "/" + iso.substr(5, 2) + "/" + iso.substr(0, 4);
}

Bytes sign_sod(const Bytes& lds_security_object, const std::filesystem::path& pki,
               const std::string& signer) {
  const std::string base = "ds-" + signer;
  const ossl::X509Ptr cert = load_cert(pki / (base + ".pem"));
  const ossl::Pkey key = load_key(pki / (base + ".key"));
  ossl::Bio content(
      BIO_new_mem_buf(lds_security_object.data(), static_cast<int>(lds_security_object.size())));
  const unsigned flags = CMS_PARTIAL | CMS_BINARY | CMS_NOSMIMECAP;
  ossl::Cms cms(CMS_sign(nullptr, nullptr, nullptr, nullptr, flags));
  ASN1_OBJECT* type = OBJ_txt2obj(card::oid::kLdsSecurityObject, 1);
  const bool typed = cms && CMS_set1_eContentType(cms.get(), type) == 1;
  ASN1_OBJECT_free(type);
  const bool pss = signer == "rsa-pss";
  CMS_SignerInfo* si = typed ? CMS_add1_signer(cms.get(), cert.get(), key.get(), EVP_sha256(),
                                               flags | (pss ? CMS_KEY_PARAM : 0u))
                             : nullptr;
  if (!si)
    throw std::runtime_error("cannot add the SOD signer");
  if (pss) {
    EVP_PKEY_CTX* pctx = CMS_SignerInfo_get0_pkey_ctx(si);
    if (!pctx || EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PSS_PADDING) != 1 ||
        EVP_PKEY_CTX_set_rsa_pss_saltlen(pctx, RSA_PSS_SALTLEN_DIGEST) != 1) {
      throw std::runtime_error("cannot set RSA-PSS for the SOD");
    }
  }
  if (CMS_final(cms.get(), content.get(), nullptr, CMS_BINARY) != 1)
    throw std::runtime_error("cannot sign the SOD");
  unsigned char* der = nullptr;
  const int len = i2d_CMS_ContentInfo(cms.get(), &der);
  if (len <= 0)
    throw std::runtime_error("cannot encode the SOD");
  Bytes out(der, der + len);
  OPENSSL_free(der);
  return encode_tlv(0x77, out);
}

Bytes lds_security_object(const std::map<int, Bytes>& groups) {
  Bytes hashes;
  for (const auto& [number, content] : groups) {
    const Bytes entry = encode_tlv(0x30, concat(card::encode_integer(static_cast<std::uint64_t>(number)),
                                                encode_tlv(0x04, card::crypto::digest("SHA256", content))));
    hashes.insert(hashes.end(), entry.begin(), entry.end());
  }
  const Bytes algorithm = encode_tlv(
      0x30, concat(encode_tlv(0x06, card::encode_oid("2.16.840.1.101.3.4.2.1")), Bytes{0x05, 0x00}));
  return encode_tlv(0x30, concat(card::encode_integer(0), algorithm, encode_tlv(0x30, hashes)));
}

// A character of a folded name in the MRZ (ICAO 9303 Part 3, 6.A: upper
// case, diacritics dropped, Đ as D, anything else a filler).
char mrz_character(char32_t c) {
  if (c >= U'a' && c <= U'z') {
    return static_cast<char>(c - U'a' + U'A');
  }
  if (c >= U'0' && c <= U'9') {
    return static_cast<char>(c);
  }
  return '<';
}

}  // namespace

std::string mrz_name(const std::string& full_name) {
  std::string folded;
  for (const char32_t c : decode_utf8(fold_vietnamese(full_name)))
    folded.push_back(mrz_character(c));
  const std::size_t space = folded.find('<');
  if (space == std::string::npos)
    return folded;
  return folded.substr(0, space) + "<<" + folded.substr(space + 1);
}

ChipContents build_chip(const DemoCitizen& c, const ChipProfile& profile, const ChipFaults& faults,
                        const std::filesystem::path& pki) {
  ChipContents chip;
  chip.pace = profile.pace;
  chip.extended_length = profile.extended_length;
  chip.key = card::cccd_mrz_key(c.id, yymmdd(c.date_of_birth), yymmdd(c.expiry_date));

  card::Td1Mrz mrz;
  mrz.document_code = "ID";
  mrz.issuing_state = "VNM";
  mrz.document_number = chip.key.document_number;
  mrz.optional_data1 = c.id;
  mrz.date_of_birth = chip.key.date_of_birth;
  mrz.sex = c.sex == "Nam" ? "M" : c.sex.empty() ? "<" : "F";
  mrz.date_of_expiry = chip.key.date_of_expiry;
  mrz.nationality = "VNM";
  const std::string name = mrz_name(c.full_name);
  const std::size_t split = name.find("<<");
  mrz.primary_identifier = name.substr(0, split);
  mrz.secondary_identifier = split == std::string::npos ? "" : name.substr(split + 2);

  card::CitizenData data;
  using F = card::CitizenField;
  auto put = [&](F f, const std::string& v) {
    if (!v.empty())
      data.fields[static_cast<int>(f)].push_back(v);
  };
  put(F::IdNumber, c.id);
  put(F::FullName, c.full_name);
  put(F::DateOfBirth, printed_date(c.date_of_birth));
  put(F::Sex, c.sex);
  put(F::Nationality, c.nationality);
  put(F::Ethnicity, c.ethnicity);
  put(F::Religion, c.religion);
  put(F::PlaceOfOrigin, c.place_of_origin);
  put(F::PlaceOfResidence, c.place_of_residence);
  put(F::IdentifyingMarks, c.identifying_marks);
  put(F::IssueDate, printed_date(c.issue_date));
  put(F::ExpiryDate, printed_date(c.expiry_date));
  put(F::ParentsNames, c.father_name);
  put(F::ParentsNames, c.mother_name);
  put(F::OldIdNumber, c.old_id);

  card::FaceImage face;
  face.format = card::FaceImage::Format::Jpeg2000;
  face.encoded = read_file(pki / "faces" / (c.id + ".jp2"));

  std::map<int, Bytes> groups;
  groups[1] = card::build_dg1(card::format_td1(mrz));
  groups[2] = card::build_dg2(face, kFaceWidth, kFaceHeight);
  groups[13] = card::build_dg13(data);
  if (profile.chip_authentication) {
    const ossl::Pkey ca = load_key(pki / "chip-ec.key");
    groups[14] = card::build_dg14(
        card::ChipAuthenticationKey{card::oid::kCaEcdhAes128, card::public_key_to_der_explicit(ca.get())},
        std::nullopt);
    chip.chip_authentication_key = load_key(pki / (faults.cloned ? "chip-clone.key" : "chip-ec.key"));
  }
  if (profile.active_authentication) {
    const ossl::Pkey aa = load_key(pki / "aa-rsa.key");
    groups[15] = card::build_dg15(aa.get());
    chip.active_authentication_key = load_key(pki / (faults.cloned ? "aa-clone.key" : "aa-rsa.key"));
  }

  std::vector<int> present;
  for (const auto& [n, content] : groups)
    present.push_back(n);
  const std::string signer =
      faults.signer_override.empty() ? profile.document_signer : faults.signer_override;
  const Bytes sod = sign_sod(lds_security_object(groups), pki, signer);

  if (faults.tampered_group) {
    auto it = groups.find(*faults.tampered_group);
    if (it == groups.end())
      throw std::runtime_error("the card has no such data group to tamper with");
    it->second.back() = static_cast<std::uint8_t>(it->second.back() ^ 0x01);
  }
  for (const auto& [n, content] : groups)
    chip.files[card::data_group_fid(n)] = content;
  chip.files[0x011E] = card::build_ef_com(present);
  chip.files[0x011D] = sod;
  if (profile.pace) {
    chip.files[0x011C] = card::build_card_access(card::PaceInfo{card::oid::kPaceEcdhGmAes128, 2, 12});
  }
  return chip;
}

}  // namespace kiosk::vcard
