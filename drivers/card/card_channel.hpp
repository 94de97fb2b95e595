#pragma once
// One conversation with the chip: secure messaging when established, file
// reads in the largest chunks the card accepts, and the cost of each phase.
#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "drivers/card/apdu.hpp"
#include "drivers/card/secure_messaging.hpp"
#include "drivers/card/smart_card.hpp"

namespace kiosk::card {

struct PhaseStats {
  std::string name;
  std::size_t apdus = 0;
  std::size_t bytes = 0;  // command + response bytes on the wire
  double ms = 0;
};

class CardChannel {
 public:
  // Largest plaintext per READ BINARY: with secure messaging a short
  // response (256 bytes) holds 223 bytes of AES- or 3DES-encrypted data; an
  // extended one holds up to 65535, of which we ask 65024.
  static constexpr std::size_t kShortChunk = 223;
  static constexpr std::size_t kExtendedChunk = 65024;

  explicit CardChannel(SmartCardConnection& connection);

  void begin_phase(const std::string& name);
  std::vector<PhaseStats> finish_phases();

  ResponseApdu transmit(const CommandApdu& command);
  void start_secure_messaging(SessionKeys keys);
  bool secure() const { return sm_ != nullptr; }

  void set_extended_length(bool on) { extended_ = on; }
  bool extended_length() const { return extended_; }

  // Reads a whole file by short file identifier; nullopt when the chip has
  // no such file. The first READ BINARY selects the file (no SELECT sent).
  std::optional<Bytes> read_file(std::uint8_t sfi);

  void set_cancel_check(std::function<bool()> cancelled) { cancelled_ = std::move(cancelled); }

 private:
  ResponseApdu read_binary(std::uint8_t p1, std::uint8_t p2, std::size_t le);
  void close_phase();

  SmartCardConnection& connection_;
  std::unique_ptr<SecureMessaging> sm_;
  bool extended_ = false;
  std::function<bool()> cancelled_;
  std::vector<PhaseStats> phases_;
  std::chrono::steady_clock::time_point phase_start_;
};

}  // namespace kiosk::card
