#pragma once
// The vpcd wire protocol (vsmartcard): 2-byte big-endian length, then the
// payload; a 1-byte payload is a control (0 off, 1 on, 2 reset, 4 get ATR),
// anything longer an APDU whose response goes back in the same framing.
#include <optional>
#include <string>

#include "drivers/card/bytes.hpp"

namespace kiosk::vcard {

class VpcdLink {
 public:
  // vpcd listens (its default): we connect to it.
  static VpcdLink connect(const std::string& host, std::uint16_t port);
  // vpcd configured with a host name connects to us: listen on host:port
  // (127.0.0.1 only in tests) and accept one connection at a time.
  static VpcdLink listen(const std::string& host, std::uint16_t port);

  VpcdLink(VpcdLink&& other) noexcept;
  VpcdLink& operator=(VpcdLink&&) = delete;
  VpcdLink(const VpcdLink&) = delete;
  ~VpcdLink();

  // Waits for vpcd (listening mode) and returns once connected.
  void accept();
  std::uint16_t local_port() const;
  // nullopt when vpcd closed the connection.
  std::optional<card::Bytes> receive();
  void send(card::ByteView payload);
  void close_connection();
  void close_listener();

 private:
  VpcdLink(int listener, int connection) : listener_(listener), connection_(connection) {}
  int listener_ = -1;
  int connection_ = -1;
};

}  // namespace kiosk::vcard
