#pragma once
// ICAO 9303 Part 11, 9.8: secure messaging with 3DES + retail MAC (BAC) or
// AES + CMAC (PACE, chip authentication). Both directions: the reader
// protects commands and checks responses, the virtual card the reverse.
#include "drivers/card/apdu.hpp"
#include "drivers/card/key_derivation.hpp"

namespace kiosk::card {

class SecureMessaging {
 public:
  explicit SecureMessaging(SessionKeys keys);
  ~SecureMessaging();
  SecureMessaging(const SecureMessaging&) = delete;
  SecureMessaging& operator=(const SecureMessaging&) = delete;

  CommandApdu protect(const CommandApdu& plain);
  // Throws CardError(SecureMessaging) on a wrong MAC or missing objects and
  // CardError(MalformedResponse) on data that does not parse.
  ResponseApdu unprotect(const ResponseApdu& response);

  CommandApdu unprotect_command(const CommandApdu& command);
  ResponseApdu protect_response(const ResponseApdu& plain);

  const SessionKeys& keys() const { return keys_; }
  std::size_t block_size() const { return keys_.kind == CipherKind::Des3 ? 8 : 16; }

 private:
  void increment_ssc();
  Bytes mac(ByteView message) const;
  Bytes encrypt(ByteView plain) const;
  Bytes decrypt(ByteView cipher) const;

  SessionKeys keys_;
};

}  // namespace kiosk::card
