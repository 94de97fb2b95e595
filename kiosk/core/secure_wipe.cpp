#include "kiosk/core/secure_wipe.hpp"

namespace kiosk {

void secure_zero(void* data, std::size_t size) {
  auto* volatile bytes = static_cast<volatile unsigned char*>(data);
  for (std::size_t i = 0; i < size; ++i) {
    bytes[i] = 0;
  }
}

void secure_wipe(std::string& text) {
  // Fill to capacity first so short-string buffers and heap buffers are both covered.
  text.resize(text.capacity());
  secure_zero(text.data(), text.size());
  text.clear();
  text.shrink_to_fit();
}

}  // namespace kiosk
