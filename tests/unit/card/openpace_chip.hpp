#pragma once
// A CCCD chip whose every protocol step is computed by OpenPACE (libeac),
// an implementation independent of ours: PACE-GM (nonce, mapping, key
// agreement, key derivation, tokens), AES secure messaging and chip
// authentication. Only the ISO 7816 framing and file handling live here;
// the secure messaging data objects are parsed and built here too, not with
// the reader's code. The files and keys come from a virtual chip's contents.
#include <map>
#include <memory>

#include "drivers/card/smart_card.hpp"
#include "kiosk/crypto/openssl_handles.hpp"

namespace kiosk::card::testing {

struct OpenPaceChipFiles {
  std::map<std::uint16_t, Bytes> files;  // by file identifier; 0x011C is EF.CardAccess
  Bytes td1_mrz;                         // the 90 characters of the MRZ, the PACE password
  ossl::Pkey chip_authentication_key;    // private key answering CA (may differ from DG14's)
};

class OpenPaceChip : public SmartCardConnection {
 public:
  explicit OpenPaceChip(OpenPaceChipFiles chip);
  ~OpenPaceChip() override;
  OpenPaceChip(const OpenPaceChip&) = delete;
  OpenPaceChip& operator=(const OpenPaceChip&) = delete;

  Bytes transmit(ByteView command) override;
  Bytes atr() const override;
  void reconnect() override {}

  // What OpenPACE read from our EF.CardAccess: its PACE protocol and the
  // standardized domain parameter ID; from our DG14: the CA protocol.
  int pace_protocol_nid() const;
  int pace_parameter_id() const;
  int chip_authentication_protocol_nid() const;
  bool pace_established() const { return pace_done_; }
  bool chip_authenticated() const { return ca_done_; }

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  bool pace_done_ = false;
  bool ca_done_ = false;
};

}  // namespace kiosk::card::testing
