#pragma once
// The reader hardware as the eMRTD code sees it: list readers, connect, send
// APDUs. pcsc-lite implements it (pcsc_reader.hpp); unit tests script it.
#include <memory>
#include <string>
#include <vector>

#include "drivers/card/bytes.hpp"

namespace kiosk::card {

class SmartCardConnection {
 public:
  virtual ~SmartCardConnection() = default;
  // One APDU out, one response back (including SW1 SW2). Throws
  // CardError(CardRemoved) when the card left, CardError(Transport) otherwise.
  virtual Bytes transmit(ByteView command) = 0;
  virtual Bytes atr() const = 0;
  // Resets the card and reconnects (after a reset by another application).
  virtual void reconnect() = 0;
};

class SmartCardReaders {
 public:
  virtual ~SmartCardReaders() = default;
  // Names of the attached readers; empty when none. Throws
  // CardError(ReaderUnavailable) when the PC/SC service is not reachable.
  virtual std::vector<std::string> list() = 0;
  // Connects to the card in `reader`; CardError(NoCard) if it is empty.
  virtual std::unique_ptr<SmartCardConnection> connect(const std::string& reader) = 0;
};

}  // namespace kiosk::card
