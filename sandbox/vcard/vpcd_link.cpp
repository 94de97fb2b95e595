#include "sandbox/vcard/vpcd_link.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

namespace kiosk::vcard {

namespace {
[[noreturn]] void fail(const std::string& what) {
  throw std::runtime_error(what + ": " + std::strerror(errno));
}

sockaddr_in address(const std::string& host, std::uint16_t port) {
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port);
  if (inet_pton(AF_INET, host.c_str(), &addr.sin_addr) != 1)
    throw std::runtime_error("not an IPv4 address: " + host);
  return addr;
}

void no_delay(int fd) {
  // Without TCP_NODELAY every APDU waits ~40 ms for the delayed ACK.
  const int one = 1;
  setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
}

bool read_all(int fd, std::uint8_t* buf, std::size_t n) {
  std::size_t got = 0;
  while (got < n) {
    // vpcd writes the length and the APDU in two send() calls; acknowledging
    // at once lets its second write leave without waiting for a delayed ACK.
    const int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_QUICKACK, &one, sizeof one);
    const ssize_t r = ::recv(fd, buf + got, n - got, 0);
    if (r == 0)
      return false;
    if (r < 0) {
      if (errno == EINTR)
        continue;
      return false;
    }
    got += static_cast<std::size_t>(r);
  }
  return true;
}
}  // namespace

VpcdLink VpcdLink::connect(const std::string& host, std::uint16_t port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0)
    fail("socket");
  const sockaddr_in addr = address(host, port);
  if (::connect(fd, reinterpret_cast<const sockaddr*>(&addr), sizeof addr) != 0) {
    ::close(fd);
    fail("cannot connect to vpcd at " + host + ":" + std::to_string(port));
  }
  no_delay(fd);
  return VpcdLink(-1, fd);
}

VpcdLink VpcdLink::listen(const std::string& host, std::uint16_t port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0)
    fail("socket");
  const int one = 1;
  setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  const sockaddr_in addr = address(host, port);
  if (::bind(fd, reinterpret_cast<const sockaddr*>(&addr), sizeof addr) != 0 || ::listen(fd, 1) != 0) {
    ::close(fd);
    fail("cannot listen on " + host + ":" + std::to_string(port));
  }
  return VpcdLink(fd, -1);
}

VpcdLink::VpcdLink(VpcdLink&& other) noexcept : listener_(other.listener_), connection_(other.connection_) {
  other.listener_ = -1;
  other.connection_ = -1;
}

VpcdLink::~VpcdLink() {
  close_connection();
  close_listener();
}

void VpcdLink::accept() {
  close_connection();
  while (true) {
    const int fd = ::accept4(listener_, nullptr, nullptr, SOCK_CLOEXEC);
    if (fd >= 0) {
      no_delay(fd);
      connection_ = fd;
      return;
    }
    if (errno != EINTR)
      fail("accept");
  }
}

std::uint16_t VpcdLink::local_port() const {
  sockaddr_in addr{};
  socklen_t len = sizeof addr;
  getsockname(listener_ >= 0 ? listener_ : connection_, reinterpret_cast<sockaddr*>(&addr), &len);
  return ntohs(addr.sin_port);
}

std::optional<card::Bytes> VpcdLink::receive() {
  std::uint8_t header[2];
  if (connection_ < 0 || !read_all(connection_, header, 2))
    return std::nullopt;
  card::Bytes payload(static_cast<std::size_t>((header[0] << 8) | header[1]));
  if (!payload.empty() && !read_all(connection_, payload.data(), payload.size()))
    return std::nullopt;
  return payload;
}

void VpcdLink::send(card::ByteView payload) {
  if (payload.size() > 0xFFFF)
    throw std::runtime_error("vpcd frame too long");
  // Length and payload in one write: two writes cost a round trip each.
  card::Bytes frame{static_cast<std::uint8_t>(payload.size() >> 8),
                    static_cast<std::uint8_t>(payload.size() & 0xFF)};
  frame.insert(frame.end(), payload.begin(), payload.end());
  std::size_t sent = 0;
  while (sent < frame.size()) {
    const ssize_t r = ::send(connection_, frame.data() + sent, frame.size() - sent, MSG_NOSIGNAL);
    if (r < 0) {
      if (errno == EINTR)
        continue;
      fail("send to vpcd");
    }
    sent += static_cast<std::size_t>(r);
  }
}

void VpcdLink::close_connection() {
  if (connection_ >= 0)
    ::close(connection_);
  connection_ = -1;
}

void VpcdLink::close_listener() {
  if (listener_ >= 0)
    ::close(listener_);
  listener_ = -1;
}

}  // namespace kiosk::vcard
