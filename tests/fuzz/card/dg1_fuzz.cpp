// DG1: TD1 MRZ with check digits.
#include <cstddef>
#include <cstdint>

#include "drivers/card/card_error.hpp"
#include "drivers/card/mrz.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace kiosk::card;
  try {
    Td1Mrz m = parse_dg1(ByteView(data, size));
    // A parsed MRZ formats back to the same 90 characters.
    if (format_td1(m).size() != 90)
      __builtin_trap();
  } catch (const CardError&) {
  }
  try {
    parse_td1(std::string_view(reinterpret_cast<const char*>(data), size));
  } catch (const CardError&) {
  }
  return 0;
}
