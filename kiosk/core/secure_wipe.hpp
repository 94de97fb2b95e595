#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace kiosk {

// Overwrites memory in a way the optimiser may not remove, so that personal
// data does not survive in freed heap blocks after a session ends.
void secure_zero(void* data, std::size_t size);

// Zeroes the whole capacity (not just the size) and leaves the string empty.
void secure_wipe(std::string& text);

template <class T>
void secure_wipe(std::vector<T>& values) {
  secure_zero(values.data(), values.capacity() * sizeof(T));
  values.clear();
  values.shrink_to_fit();
}

}  // namespace kiosk
