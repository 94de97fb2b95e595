// Fault specifications (command line and X-Sandbox-Fault header) and the
// search folding of query strings.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "kiosk/core/vietnamese_text.hpp"
#include "sandbox/fault.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace kiosk::sandbox;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  kiosk::fold_vietnamese(text);
  try {
    for (const auto& fault : parse_fault_spec(text)) {
      // What the server prints back must parse to the same fault.
      const auto again = parse_fault_spec(fault.to_spec());
      if (again.size() != 1 || again[0].to_spec() != fault.to_spec()) {
        std::abort();
      }
    }
  } catch (const FaultSpecError&) {
  }
  return 0;
}
