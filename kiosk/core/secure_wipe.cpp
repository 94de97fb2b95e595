#include "kiosk/core/secure_wipe.hpp"

#include <cstring>

namespace kiosk {

void secure_zero(void* data, std::size_t size) {
  if (data != nullptr) {
    explicit_bzero(data, size);
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
