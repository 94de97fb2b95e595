#pragma once
// SecurityInfos of EF.CardAccess (PACE) and DG14 (chip authentication),
// ICAO 9303 Part 11, 9.2, and DG15 (active authentication public key).
#include <optional>
#include <string>
#include <vector>

#include "drivers/card/bytes.hpp"
#include "kiosk/crypto/openssl_handles.hpp"

namespace kiosk::card {

namespace oid {
inline constexpr const char* kPaceEcdhGmAes128 = "0.4.0.127.0.7.2.2.4.2.2";
inline constexpr const char* kCaEcdhAes128 = "0.4.0.127.0.7.2.2.3.2.2";
inline constexpr const char* kPkEcdh = "0.4.0.127.0.7.2.2.1.2";
inline constexpr const char* kActiveAuthentication = "2.23.136.1.1.5";
inline constexpr const char* kEcdsaPlainSha256 = "0.4.0.127.0.7.1.1.4.1.3";
inline constexpr const char* kLdsSecurityObject = "2.23.136.1.1.1";
}  // namespace oid

struct PaceInfo {
  std::string protocol;
  int version = 0;
  int parameter_id = 0;  // standardized domain parameters, 12 = NIST P-256
};

struct ChipAuthenticationKey {
  std::string protocol;   // from ChipAuthenticationInfo
  Bytes public_key_info;  // DER SubjectPublicKeyInfo
};

struct SecurityInfos {
  std::vector<PaceInfo> pace;
  std::optional<ChipAuthenticationKey> chip_authentication;
  std::optional<std::string> active_authentication_signature;  // algorithm OID
};

// `set` is the DER SET OF SecurityInfo (EF.CardAccess) or DG14 (tag 6E).
SecurityInfos parse_security_infos(ByteView file);
Bytes build_card_access(const PaceInfo& pace);
Bytes build_dg14(const ChipAuthenticationKey& key, const std::optional<std::string>& aa_signature);

// DG15: SubjectPublicKeyInfo of the active authentication key.
ossl::Pkey parse_dg15(ByteView file);
Bytes build_dg15(EVP_PKEY* key);

ossl::Pkey public_key_from_der(ByteView spki);
Bytes public_key_to_der(EVP_PKEY* key);
// An EC key with explicit domain parameters instead of a curve name: the
// form of ChipAuthenticationPublicKeyInfo on chips in the field (BSI
// TR-03110-3, A.1.1 (ECParameters)), which other implementations require.
Bytes public_key_to_der_explicit(EVP_PKEY* key);

}  // namespace kiosk::card
