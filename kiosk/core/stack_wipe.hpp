#pragma once

#include <type_traits>
#include <utility>

namespace kiosk {

namespace detail {
void call_then_wipe_stack(void (*call)(void*), void* job);
}

// Runs `job` and then zeroes the stack its frames used. Short strings live
// inside std::string itself, so an ID number copied into a local of a worker
// thread never reaches the heap (where freed blocks are zeroed) and stays on
// the thread's stack until a deeper call happens to overwrite it. A worker
// that handles personal data runs each unit of work through this, with the
// work's own locals inside `job` so that they are below the wiped line too.
template <class Job>
void run_then_wipe_stack(Job&& job) {
  using Callable = std::remove_reference_t<Job>;
  detail::call_then_wipe_stack([](void* j) { (*static_cast<Callable*>(j))(); },
                               const_cast<void*>(static_cast<const void*>(&job)));
}

// Zeroes the stack below the caller's frame, as deep as a unit of work goes.
void wipe_stack_below();

}  // namespace kiosk
