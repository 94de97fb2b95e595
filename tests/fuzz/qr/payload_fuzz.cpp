// Both QR payload parsers and the Vietnamese composer on arbitrary bytes:
// they must refuse or accept, never crash, and an accepted identity must be
// complete and stable when formatted and parsed again.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "drivers/qr/cccd_payload.hpp"
#include "drivers/qr/mrz_inputs.hpp"
#include "drivers/qr/receipt_code.hpp"
#include "kiosk/core/utf8.hpp"
#include "kiosk/core/vietnamese_text.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  using namespace kiosk::qr;

  const auto cccd = parse_cccd_payload(input);
  if (cccd.ok()) {
    const CccdIdentity& c = cccd.value();
    if (c.id.size() != 12 || c.full_name.empty() || c.address.empty() ||
        !kiosk::decode_utf8_checked(c.full_name)) {
      std::abort();
    }
    const auto again = parse_cccd_payload(format_cccd_payload(c));
    if (!again.ok() || again.value().id != c.id || again.value().full_name != c.full_name ||
        again.value().address != c.address || again.value().issue_date != c.issue_date) {
      std::abort();
    }
    const MrzInputs mrz = mrz_inputs_from_qr(c);
    if (mrz.document_number.size() != 9 || mrz.date_of_birth.size() != 6 || mrz.date_of_expiry.size() != 6) {
      std::abort();
    }
  }

  const auto receipt = parse_receipt_payload(input);
  if (receipt.ok()) {
    const auto again = parse_receipt_payload(receipt.value().code);
    if (!again.ok() || again.value().code != receipt.value().code) {
      std::abort();
    }
  }

  // The lenient decoder agrees with the checked one on well-formed input and
  // always yields text that encodes to well-formed UTF-8.
  const std::u32string lenient = kiosk::decode_utf8(input);
  if (!kiosk::decode_utf8_checked(kiosk::encode_utf8(lenient))) {
    std::abort();
  }
  if (const auto checked = kiosk::decode_utf8_checked(input)) {
    if (*checked != lenient || kiosk::encode_utf8(*checked) != input) {
      std::abort();
    }
    const std::string composed = kiosk::compose_vietnamese(input);
    if (!kiosk::decode_utf8_checked(composed) || kiosk::compose_vietnamese(composed) != composed) {
      std::abort();
    }
  }
  return 0;
}
