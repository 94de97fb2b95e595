#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

#include "kiosk/app/config.hpp"
#include "kiosk/app/event_queue.hpp"
#include "kiosk/core/device_event.hpp"
#include "kiosk/core/effect.hpp"

namespace kiosk::app {

// Runs each Effect of the Session off the UI thread and posts what comes
// back as DeviceEvents. Effects run one after the other on a worker thread,
// except the long ones (card read, scan) which get their own thread so they
// can be cancelled while other work goes on.
class EffectRunner {
 public:
  EffectRunner(const Config& config, EventQueue<DeviceEvent>& events);
  ~EffectRunner();
  EffectRunner(const EffectRunner&) = delete;
  EffectRunner& operator=(const EffectRunner&) = delete;

  // Never blocks: the effect is queued for the worker.
  void run(Effect effect);

 private:
  void work();
  void execute(const Effect& effect);

  const Config& config_;
  EventQueue<DeviceEvent>& events_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<Effect> queue_;
  bool stopping_ = false;
  std::thread worker_;
};

}  // namespace kiosk::app
