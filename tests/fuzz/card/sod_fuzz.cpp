// EF.SOD: CMS SignedData and the LDS security object, then the whole
// passive authentication with no trust anchor.
#include <cstddef>
#include <cstdint>

#include "drivers/card/card_error.hpp"
#include "drivers/card/passive_auth.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace kiosk::card;
  const ByteView input(data, size);
  try {
    parse_sod(input);
  } catch (const CardError&) {
  }
  const std::map<int, Bytes> groups{{1, Bytes{0x61, 0x00}}};
  verify_passive(input, groups, CscaStore{}, 0);
  return 0;
}
