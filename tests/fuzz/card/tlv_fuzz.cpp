// BER-TLV, APDUs, ATR, EF.COM and security infos (EF.CardAccess, DG14).
#include <cstddef>
#include <cstdint>

#include "drivers/card/apdu.hpp"
#include "drivers/card/atr.hpp"
#include "drivers/card/card_error.hpp"
#include "drivers/card/lds_files.hpp"
#include "drivers/card/security_infos.hpp"
#include "drivers/card/tlv.hpp"

using namespace kiosk::card;

namespace {
void walk(ByteView input, int depth) {
  TlvReader reader(input);
  while (!reader.at_end()) {
    const Tlv t = reader.next();
    if (t.tag == 0x06 && !t.value.empty())
      decode_oid(t.value);
    if (t.tag == 0x02 && !t.value.empty() && t.value.size() <= 8)
      decode_integer(t.value);
    if (t.constructed() && depth < 16)
      walk(t.value, depth + 1);
  }
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const ByteView input(data, size);
  atr_announces_extended_length(input);
  try {
    tlv_total_size(input);
  } catch (const CardError&) {
  }
  try {
    walk(input, 0);
  } catch (const CardError&) {
  }
  try {
    CommandApdu::parse(input).serialize();
  } catch (const CardError&) {
  }
  try {
    parse_ef_com(input);
  } catch (const CardError&) {
  }
  try {
    parse_security_infos(input);
  } catch (const CardError&) {
  }
  return 0;
}
