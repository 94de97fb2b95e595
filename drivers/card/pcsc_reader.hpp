#pragma once
// pcsc-lite behind SmartCardReaders / SmartCardConnection.
#include <PCSC/winscard.h>
#include <PCSC/wintypes.h>

#include <memory>
#include <string>
#include <vector>

#include "drivers/card/smart_card.hpp"

namespace kiosk::card {

// Owns one PC/SC context (SCardEstablishContext); the socket of pcscd comes
// from PCSCLITE_CSOCK_NAME when set (a private pcscd in tests).
class PcscContext {
 public:
  PcscContext();
  ~PcscContext();
  PcscContext(const PcscContext&) = delete;
  PcscContext& operator=(const PcscContext&) = delete;
  SCARDCONTEXT get() const { return context_; }

 private:
  SCARDCONTEXT context_ = 0;
};

struct ReaderState {
  std::string name;
  bool card_present = false;
  Bytes atr;
};

class PcscReaders : public SmartCardReaders {
 public:
  PcscReaders();
  std::vector<std::string> list() override;
  std::unique_ptr<SmartCardConnection> connect(const std::string& reader) override;
  // Current state of every reader, without waiting.
  std::vector<ReaderState> states();

 private:
  std::shared_ptr<PcscContext> context();

  std::shared_ptr<PcscContext> context_;
};

// The CardError a PC/SC status code stands for.
[[noreturn]] void throw_pcsc_error(LONG rv, const std::string& what);

}  // namespace kiosk::card
