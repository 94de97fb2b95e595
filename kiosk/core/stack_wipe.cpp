#include "kiosk/core/stack_wipe.hpp"

#include <array>
#include <cstring>

namespace kiosk {

namespace {

// The deepest a kiosk job goes (OpenSSL, libcurl, poppler and SQLite frames
// included, sanitizer redzones too) is well under this.
constexpr std::size_t kJobStackBytes = std::size_t{256} << 10;

}  // namespace

// Not inlined: the buffer must begin where the caller's callees begin.
[[gnu::noinline]] void wipe_stack_below() {
  // NOLINTNEXTLINE(cppcoreguidelines-pro-type-member-init): zeroed on the next line
  std::array<unsigned char, kJobStackBytes> frames;
  explicit_bzero(frames.data(), frames.size());
  // Keeps the buffer (and so the stores) from being optimised away.
  asm volatile("" : : "r"(frames.data()) : "memory");
}

namespace detail {

// Not inlined, so `call` and wipe_stack_below() get frames at the same depth.
[[gnu::noinline]] void call_then_wipe_stack(void (*call)(void*), void* job) {
  call(job);
  wipe_stack_below();
}

}  // namespace detail

}  // namespace kiosk
