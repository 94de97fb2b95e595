#pragma once
// Watches PC/SC readers on a background thread (SCardGetStatusChange) and
// reports cards arriving and leaving.
#include <atomic>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

#include "drivers/card/bytes.hpp"

namespace kiosk::card {

struct ReaderEvent {
  enum class Kind { CardInserted, CardRemoved, ServiceLost };
  Kind kind = Kind::CardInserted;
  std::string reader;
  Bytes atr;
};

class ReaderMonitor {
 public:
  using Callback = std::function<void(const ReaderEvent&)>;
  // The callback runs on the monitor thread.
  explicit ReaderMonitor(Callback callback);
  ~ReaderMonitor();
  ReaderMonitor(const ReaderMonitor&) = delete;
  ReaderMonitor& operator=(const ReaderMonitor&) = delete;

  void start();
  void stop();

 private:
  void run();

  Callback callback_;
  std::thread thread_;
  std::atomic<bool> stopping_{false};
  std::mutex context_mutex_;
  long context_ = 0;  // SCARDCONTEXT of the thread, for SCardCancel
};

}  // namespace kiosk::card
