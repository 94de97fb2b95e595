#pragma once
// Basic Access Control (ICAO 9303 Part 11, 4.3): both ends of the mutual
// authentication, so the virtual card and the reader share one definition.
#include <optional>

#include "drivers/card/key_derivation.hpp"
#include "drivers/card/mrz_key.hpp"

namespace kiosk::card {

struct BacKeys {
  Bytes k_enc;
  Bytes k_mac;
};

// Kseed = first 16 bytes of SHA-1(MRZ information); Kenc/Kmac derived from it.
BacKeys bac_keys(const MrzKey& key);
Bytes bac_key_seed(const std::string& mrz_information);

// Terminal: EXTERNAL AUTHENTICATE data E.IFD || M.IFD for S = RND.IFD || RND.IC || K.IFD.
Bytes bac_terminal_command(const BacKeys& keys, ByteView rnd_ic, ByteView rnd_ifd, ByteView k_ifd);
// Terminal: checks the chip's E.IC || M.IC and returns the session keys;
// throws CardError(AccessDenied) when the cryptogram is not the chip's answer.
SessionKeys bac_terminal_finish(const BacKeys& keys, ByteView response, ByteView rnd_ic, ByteView rnd_ifd,
                                ByteView k_ifd);

struct BacChipAnswer {
  Bytes response;  // E.IC || M.IC
  SessionKeys session;
};
// Chip: answers the terminal's command, or nullopt if MAC or RND.IC is wrong.
std::optional<BacChipAnswer> bac_chip_answer(const BacKeys& keys, ByteView command, ByteView rnd_ic,
                                             ByteView k_ic);

}  // namespace kiosk::card
