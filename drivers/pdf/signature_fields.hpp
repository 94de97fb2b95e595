#pragma once

// C++17 on purpose: its source includes qpdf 11, whose headers clang 14 cannot
// compile as C++20.

#include <cstdint>
#include <string>
#include <vector>

#include "drivers/pdf/pdf_error.hpp"

namespace kiosk::pdf {

// The value of one signed signature field, as stored in the file.
struct SignatureField {
  std::vector<long long> byte_range;
  std::string contents;    // decoded /Contents: the CMS DER plus padding
  std::string sub_filter;  // e.g. "/ETSI.CAdES.detached"
  std::string date;        // /M as written, e.g. "D:20240202103000+07'00'"
};

// Every signature field with a /V signature dictionary, in form order.
PdfResult<std::vector<SignatureField>> read_signature_fields(const std::uint8_t* pdf, std::size_t size);

}  // namespace kiosk::pdf
