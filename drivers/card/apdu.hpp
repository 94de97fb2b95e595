#pragma once
// ISO/IEC 7816-4 command and response APDUs, short and extended length.
#include <cstdint>
#include <optional>

#include "drivers/card/bytes.hpp"

namespace kiosk::card {

struct CommandApdu {
  std::uint8_t cla = 0x00;
  std::uint8_t ins = 0x00;
  std::uint8_t p1 = 0x00;
  std::uint8_t p2 = 0x00;
  Bytes data;
  // Expected response length in bytes: 1..256 fits a short Le (256 is coded
  // 00), up to 65536 needs extended length (65536 is coded 0000).
  std::optional<std::size_t> le;
  bool force_extended = false;

  bool extended() const;
  Bytes serialize() const;
  // Parses the card side of the exchange; throws CardError(MalformedResponse).
  static CommandApdu parse(ByteView raw);
};

struct ResponseApdu {
  Bytes data;
  std::uint16_t sw = 0;

  std::uint8_t sw1() const { return static_cast<std::uint8_t>(sw >> 8); }
  std::uint8_t sw2() const { return static_cast<std::uint8_t>(sw & 0xFF); }
  // 9000, or 6282 (end of file reached before Le bytes) for READ BINARY.
  bool ok() const { return sw == 0x9000 || sw == 0x6282; }
  Bytes serialize() const;
  static ResponseApdu parse(ByteView raw);
};

namespace sw {
inline constexpr std::uint16_t kSuccess = 0x9000;
inline constexpr std::uint16_t kEndOfFile = 0x6282;
inline constexpr std::uint16_t kWrongLength = 0x6700;
inline constexpr std::uint16_t kSecurityNotSatisfied = 0x6982;
inline constexpr std::uint16_t kAuthenticationFailed = 0x6300;
inline constexpr std::uint16_t kSmObjectsIncorrect = 0x6988;
inline constexpr std::uint16_t kSmObjectsMissing = 0x6987;
inline constexpr std::uint16_t kWrongData = 0x6A80;
inline constexpr std::uint16_t kFileNotFound = 0x6A82;
inline constexpr std::uint16_t kWrongP1P2 = 0x6B00;
inline constexpr std::uint16_t kInsNotSupported = 0x6D00;
inline constexpr std::uint16_t kClaNotSupported = 0x6E00;
inline constexpr std::uint16_t kConditionsNotSatisfied = 0x6985;
}  // namespace sw

}  // namespace kiosk::card
