#include "drivers/card/card_reader_service.hpp"

#include "drivers/card/pcsc_reader.hpp"
#include "kiosk/core/stack_wipe.hpp"

namespace kiosk::card {

namespace {
void wipe_key(MrzKey& key) {
  wipe(key.document_number);
  wipe(key.date_of_birth);
  wipe(key.date_of_expiry);
}

void wipe_key(std::optional<MrzKey>& key) {
  if (!key)
    return;
  wipe_key(*key);
  key.reset();
}

class Forwarder : public ReadObserver {
 public:
  explicit Forwarder(const CardReaderService::Listener& listener) : listener_(listener) {}
  void identity_read(const Td1Mrz& mrz, const CitizenData& citizen) override {
    listener_(IdentityAvailable{mrz, citizen});
  }
  void face_read(const FaceImage& face) override { listener_(FaceAvailable{face}); }

 private:
  const CardReaderService::Listener& listener_;
};
}  // namespace

CardReaderService::CardReaderService(std::unique_ptr<SmartCardReaders> readers, Options options,
                                     Listener listener, bool watch)
    : readers_(std::move(readers)), options_(std::move(options)), listener_(std::move(listener)) {
  worker_ = std::thread([this] { run(); });
  if (watch) {
    monitor_ = std::make_unique<ReaderMonitor>([this](const ReaderEvent& e) { on_reader_event(e); });
    monitor_->start();
  }
}

std::unique_ptr<CardReaderService> CardReaderService::with_pcsc(Options options, Listener listener) {
  return std::make_unique<CardReaderService>(std::make_unique<PcscReaders>(), std::move(options),
                                             std::move(listener), true);
}

CardReaderService::~CardReaderService() {
  if (monitor_)
    monitor_->stop();
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
    cancel_ = true;
    wipe_key(request_);
    wipe_key(pending_);
  }
  wake_.notify_all();
  worker_.join();
}

void CardReaderService::read(const MrzKey& key) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    wipe_key(request_);
    wipe_key(pending_);
    request_ = key;
    cancel_ = true;  // a read in progress stops at its next APDU
  }
  wake_.notify_all();
}

void CardReaderService::cancel() {
  std::lock_guard<std::mutex> lock(mutex_);
  wipe_key(request_);
  wipe_key(pending_);
  cancel_ = true;
}

void CardReaderService::wipe() {
  cancel();
}

void CardReaderService::on_reader_event(const ReaderEvent& e) {
  if (e.kind == ReaderEvent::Kind::CardInserted) {
    listener_(CardInserted{e.reader});
    std::lock_guard<std::mutex> lock(mutex_);
    if (pending_ && !request_) {
      request_ = std::move(pending_);
      pending_.reset();
      wake_.notify_all();
    }
  } else if (e.kind == ReaderEvent::Kind::CardRemoved) {
    listener_(CardRemoved{e.reader});
  }
}

void CardReaderService::run() {
  std::unique_lock<std::mutex> lock(mutex_);
  while (true) {
    wake_.wait(lock, [this] { return stopping_ || request_.has_value(); });
    if (stopping_)
      return;
    MrzKey key = std::move(*request_);
    wipe_key(request_);
    cancel_ = false;
    lock.unlock();
    run_then_wipe_stack([this, &key] { perform(key); });
    lock.lock();
    wipe_key(key);
  }
}

void CardReaderService::perform(const MrzKey& key) {
  try {
    std::optional<CscaStore> trust;
    if (!options_.csca_directory.empty())
      trust = CscaStore::load_directory(options_.csca_directory);
    std::unique_ptr<SmartCardConnection> connection;
    if (!options_.reader.empty()) {
      connection = readers_->connect(options_.reader);
    } else {
      const auto names = readers_->list();
      if (names.empty())
        throw CardError(ErrorCode::NoReader, "no PC/SC reader attached");
      for (const auto& name : names) {
        try {
          connection = readers_->connect(name);
          break;
        } catch (const CardError& e) {
          if (e.code() != ErrorCode::NoCard)
            throw;
        }
      }
      if (!connection)
        throw CardError(ErrorCode::NoCard, "no card in the reader");
    }
    Forwarder forwarder(listener_);
    ReadOptions options{key, trust ? &*trust : nullptr, [this] { return cancel_.load(); }, 0, true};
    CardRead result = read_card(*connection, options, &forwarder);
    listener_(AuthenticationFinished{result.authentication, result.phases});
    result.wipe();
  } catch (const CardError& e) {
    if (e.code() == ErrorCode::NoCard && monitor_) {
      std::lock_guard<std::mutex> lock(mutex_);
      if (!request_ && !cancel_)
        pending_ = key;
    }
    listener_(ReadFailed{e.code(), e.retriable(), e.what()});
  }
}

}  // namespace kiosk::card
