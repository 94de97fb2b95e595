// DG13: the Vietnamese citizen data.
#include <cstddef>
#include <cstdint>

#include "drivers/card/card_error.hpp"
#include "drivers/card/citizen_data.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace kiosk::card;
  try {
    CitizenData c = parse_dg13(ByteView(data, size));
    c.get(CitizenField::FullName);
    c.wipe();
  } catch (const CardError&) {
  }
  return 0;
}
