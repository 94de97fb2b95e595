#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "drivers/qr/civil_date.hpp"
#include "drivers/qr/parsed.hpp"

namespace kiosk::qr {

// Dossier code printed on the kiosk's receipt (mã hồ sơ), e.g.
// "H34.29.2-230520-0001": receiving agency, date received (YYMMDD) and the
// agency's sequence number of that day.
struct DossierCode {
  std::string code;    // canonical form, upper case
  std::string agency;  // "H34.29.2"
  CivilDate received;
  int sequence = 0;
};

enum class ReceiptRejection {
  kTooLong,
  kNotDossierCode,  // neither a dossier code nor a URL carrying one
  kBadDate,
  kForeignHost,  // a URL, but not one of our status-lookup hosts
  kNoCodeInUrl,
};

std::string_view to_string(ReceiptRejection code);

struct ReceiptParseOptions {
  // Hosts of the status-lookup page; when empty any http(s) host is accepted.
  std::vector<std::string> lookup_hosts;
};

// Accepts a bare dossier code or a status-lookup URL that carries it in a
// query parameter (?ma=…) or as the last path segment.
Parsed<DossierCode, ReceiptRejection> parse_receipt_payload(std::string_view payload,
                                                            const ReceiptParseOptions& options = {});

// The status-lookup URL the receipt QR carries: `base_url?ma=CODE`.
std::string receipt_lookup_url(std::string_view base_url, const DossierCode& code);

}  // namespace kiosk::qr
