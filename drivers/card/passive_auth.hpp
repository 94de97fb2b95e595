#pragma once
// Passive authentication (ICAO 9303 Part 11, 5.1): the SOD's CMS signature,
// the Document Signer certificate against the CSCA trust store, and the hash
// of every data group read.
#include <ctime>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "drivers/card/bytes.hpp"
#include "kiosk/crypto/openssl_handles.hpp"

namespace kiosk::card {

struct SecurityObject {
  std::string hash_algorithm;  // OpenSSL name, e.g. "SHA256"
  std::map<int, Bytes> hashes;
  Bytes signed_data;  // DER CMS ContentInfo
};

// Parses EF.SOD (tag 77); throws CardError(InvalidData).
SecurityObject parse_sod(ByteView file);

class CscaStore {
 public:
  // Every PEM or DER certificate in `directory`; unreadable files are
  // skipped, an unreadable directory is CardError(InvalidInput).
  static CscaStore load_directory(const std::filesystem::path& directory);
  void add(X509* certificate);
  std::size_t size() const { return certificates_.size(); }
  const std::vector<ossl::X509Ptr>& certificates() const { return certificates_; }

 private:
  std::vector<ossl::X509Ptr> certificates_;
};

enum class PassiveStatus {
  NotChecked,  // no SOD read
  Valid,
  SodMalformed,
  SignatureInvalid,  // CMS signature does not verify
  NoTrustAnchor,     // no CSCA configured
  DsUntrusted,       // DS certificate not issued by a trusted CSCA
  DsExpired,         // DS certificate outside its validity
  HashMismatch,      // a data group differs from its hash in the SOD
  DataGroupMissing,  // a data group read has no hash in the SOD
};

std::string_view passive_status_name(PassiveStatus status);

struct PassiveAuthResult {
  PassiveStatus status = PassiveStatus::NotChecked;
  std::string detail;
  std::vector<int> mismatched_groups;
  std::string signature_algorithm;  // of the SOD signer
  std::string document_signer;      // DS subject (no personal data)

  bool valid() const { return status == PassiveStatus::Valid; }
};

PassiveAuthResult verify_passive(ByteView sod_file, const std::map<int, Bytes>& data_groups,
                                 const CscaStore& trust, std::time_t now);

}  // namespace kiosk::card
