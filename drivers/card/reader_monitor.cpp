#include "drivers/card/reader_monitor.hpp"

#include <PCSC/winscard.h>

#include <chrono>
#include <map>
#include <vector>

namespace kiosk::card {

namespace {
constexpr DWORD kPollMs = 1000;

std::vector<std::string> reader_names(SCARDCONTEXT ctx) {
  DWORD size = 0;
  if (SCardListReaders(ctx, nullptr, nullptr, &size) != SCARD_S_SUCCESS)
    return {};
  std::vector<char> buffer(size + 1, '\0');
  if (SCardListReaders(ctx, nullptr, buffer.data(), &size) != SCARD_S_SUCCESS)
    return {};
  std::vector<std::string> out;
  for (std::size_t i = 0; i < buffer.size() && buffer[i] != '\0';) {
    out.emplace_back(&buffer[i]);
    i += out.back().size() + 1;
  }
  return out;
}
}  // namespace

ReaderMonitor::ReaderMonitor(Callback callback) : callback_(std::move(callback)) {}

ReaderMonitor::~ReaderMonitor() {
  stop();
}

void ReaderMonitor::start() {
  if (thread_.joinable())
    return;
  stopping_ = false;
  thread_ = std::thread([this] { run(); });
}

void ReaderMonitor::stop() {
  stopping_ = true;
  {
    std::lock_guard<std::mutex> lock(context_mutex_);
    if (context_)
      SCardCancel(static_cast<SCARDCONTEXT>(context_));
  }
  if (thread_.joinable())
    thread_.join();
}

void ReaderMonitor::run() {
  std::map<std::string, bool> present;
  while (!stopping_) {
    SCARDCONTEXT ctx = 0;
    if (SCardEstablishContext(SCARD_SCOPE_SYSTEM, nullptr, nullptr, &ctx) != SCARD_S_SUCCESS) {
      callback_(ReaderEvent{ReaderEvent::Kind::ServiceLost, {}, {}});
      for (int i = 0; i < 10 && !stopping_; ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
      continue;
    }
    {
      std::lock_guard<std::mutex> lock(context_mutex_);
      context_ = static_cast<long>(ctx);
    }
    while (!stopping_) {
      const auto names = reader_names(ctx);
      // The PnP pseudo reader wakes us when readers come and go.
      std::vector<SCARD_READERSTATE> states(names.size() + 1);
      for (std::size_t i = 0; i < names.size(); ++i) {
        states[i].szReader = names[i].c_str();
        const auto it = present.find(names[i]);
        states[i].dwCurrentState = it == present.end() ? SCARD_STATE_UNAWARE
                                   : it->second        ? SCARD_STATE_PRESENT
                                                       : SCARD_STATE_EMPTY;
      }
      states.back().szReader = "\\\\?PnP?\\Notification";
      states.back().dwCurrentState = static_cast<DWORD>(names.size() << 16);
      const LONG rv = SCardGetStatusChange(ctx, kPollMs, states.data(), static_cast<DWORD>(states.size()));
      if (rv == SCARD_E_CANCELLED || stopping_)
        break;
      if (rv != SCARD_S_SUCCESS && rv != SCARD_E_TIMEOUT) {
        if (rv == SCARD_E_NO_SERVICE || rv == SCARD_E_SERVICE_STOPPED)
          break;
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
        continue;
      }
      for (std::size_t i = 0; i < names.size(); ++i) {
        const bool now = (states[i].dwEventState & SCARD_STATE_PRESENT) != 0;
        const auto it = present.find(names[i]);
        const bool before = it != present.end() && it->second;
        if (now != before && (it != present.end() || now)) {
          ReaderEvent e{now ? ReaderEvent::Kind::CardInserted : ReaderEvent::Kind::CardRemoved, names[i], {}};
          if (now)
            e.atr.assign(states[i].rgbAtr, states[i].rgbAtr + states[i].cbAtr);
          callback_(e);
        }
        present[names[i]] = now;
      }
    }
    {
      std::lock_guard<std::mutex> lock(context_mutex_);
      context_ = 0;
    }
    SCardReleaseContext(ctx);
  }
}

}  // namespace kiosk::card
