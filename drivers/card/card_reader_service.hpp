#pragma once
// The kiosk's port to the chip reader: runs reads on its own thread and
// reports progress as events, identity (DG1 + DG13) before the face, then
// the authentication results, or a typed error. No UI dependency: the
// listener runs on the service thread and should post to the UI queue.
#include <atomic>
#include <condition_variable>
#include <deque>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <variant>
#include <vector>

#include "drivers/card/card_error.hpp"
#include "drivers/card/emrtd_reader.hpp"
#include "drivers/card/reader_monitor.hpp"
#include "drivers/card/smart_card.hpp"

namespace kiosk::card {

struct CardInserted {
  std::string reader;
};
struct CardRemoved {
  std::string reader;
};
struct IdentityAvailable {
  Td1Mrz mrz;
  CitizenData citizen;
};
struct FaceAvailable {
  FaceImage face;  // encoded bytes and decoded RGB pixels
};
struct AuthenticationFinished {
  AuthenticationResult result;
  std::vector<PhaseStats> phases;
};
struct ReadFailed {
  ErrorCode code;
  bool retriable;
  std::string message;  // English, no personal data; the UI maps `code` to its own text
};
using CardEvent = std::variant<CardInserted, CardRemoved, IdentityAvailable, FaceAvailable,
                               AuthenticationFinished, ReadFailed>;

class CardReaderService {
 public:
  using Listener = std::function<void(CardEvent)>;

  struct Options {
    std::filesystem::path csca_directory;  // empty: passive authentication reports no_trust_anchor
    std::string reader;                    // empty: the first reader with a card
  };

  // `readers` is PcscReaders in the kiosk, a fake in tests. When `watch` is
  // true a ReaderMonitor reports insertions/removals and a read requested
  // while the reader was empty starts when a card arrives.
  CardReaderService(std::unique_ptr<SmartCardReaders> readers, Options options, Listener listener,
                    bool watch);
  // The kiosk's wiring: pcsc-lite readers and the insert/remove monitor.
  static std::unique_ptr<CardReaderService> with_pcsc(Options options, Listener listener);
  ~CardReaderService();
  CardReaderService(const CardReaderService&) = delete;
  CardReaderService& operator=(const CardReaderService&) = delete;

  // Starts a read with the MRZ inputs (see cccd_mrz_key); a read already
  // running is cancelled first.
  void read(const MrzKey& key);
  // Stops a running read (ReadFailed{Cancelled}) and forgets a pending one.
  void cancel();
  // cancel() and zero every MRZ input the service still holds. Events
  // already delivered belong to the listener, which wipes its copies.
  void wipe();

 private:
  void run();
  void on_reader_event(const ReaderEvent& e);
  void perform(const MrzKey& key);

  std::unique_ptr<SmartCardReaders> readers_;
  Options options_;
  Listener listener_;
  std::unique_ptr<ReaderMonitor> monitor_;

  std::mutex mutex_;
  std::condition_variable wake_;
  std::optional<MrzKey> request_;  // next read to perform
  std::optional<MrzKey> pending_;  // waiting for a card
  bool stopping_ = false;
  std::atomic<bool> cancel_{false};
  std::thread worker_;
};

}  // namespace kiosk::card
