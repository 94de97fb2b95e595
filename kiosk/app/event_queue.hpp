#pragma once

#include <functional>
#include <mutex>
#include <utility>
#include <vector>

namespace kiosk::app {

// Hands results from worker threads to the UI thread. `post` may be called
// from any thread; it wakes the main loop, which drains the queue.
template <class T>
class EventQueue {
 public:
  explicit EventQueue(std::function<void()> wake) : wake_(std::move(wake)) {}

  void post(T item) {
    {
      std::lock_guard lock(mutex_);
      items_.push_back(std::move(item));
    }
    wake_();
  }

  // Wakes the main loop without an item, for state it reads elsewhere.
  void wake() { wake_(); }

  std::vector<T> drain() {
    std::lock_guard lock(mutex_);
    return std::exchange(items_, {});
  }

 private:
  std::function<void()> wake_;
  std::mutex mutex_;
  std::vector<T> items_;
};

}  // namespace kiosk::app
