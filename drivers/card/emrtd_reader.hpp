#pragma once
// Reads a CCCD chip from start to end: access control (PACE when
// EF.CardAccess offers it, else BAC), DG1 and DG13 first so the name shows
// at once, then EF.COM, SOD, chip/active authentication, DG2, and passive
// authentication.
#include <ctime>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "drivers/card/card_channel.hpp"
#include "drivers/card/citizen_data.hpp"
#include "drivers/card/face_image.hpp"
#include "drivers/card/lds_files.hpp"
#include "drivers/card/mrz.hpp"
#include "drivers/card/mrz_key.hpp"
#include "drivers/card/passive_auth.hpp"
#include "drivers/card/smart_card.hpp"

namespace kiosk::card {

enum class ChipCheck { NotSupported, Passed, Failed };
std::string_view chip_check_name(ChipCheck check);

struct AuthenticationResult {
  std::string access_control;  // "BAC" or "PACE"
  PassiveAuthResult passive;
  ChipCheck active = ChipCheck::NotSupported;  // AA with DG15
  ChipCheck chip = ChipCheck::NotSupported;    // CA with DG14

  // Data authentic (PA) and the chip not a copy (AA or CA passed if present).
  bool genuine() const { return passive.valid() && active != ChipCheck::Failed && chip != ChipCheck::Failed; }
};

struct CardRead {
  Td1Mrz mrz;
  CitizenData citizen;
  std::optional<FaceImage> face;
  EfCom com;
  AuthenticationResult authentication;
  bool extended_length = false;
  std::vector<PhaseStats> phases;

  void wipe();
};

class ReadObserver {
 public:
  virtual ~ReadObserver() = default;
  virtual void identity_read(const Td1Mrz& /*mrz*/, const CitizenData& /*citizen*/) {}
  virtual void face_read(const FaceImage& /*face*/) {}
  virtual void authentication_done(const AuthenticationResult& /*result*/) {}
};

struct ReadOptions {
  MrzKey key;
  const CscaStore* trust = nullptr;  // no store: passive authentication reports NoTrustAnchor
  std::function<bool()> cancelled;
  std::time_t now = 0;  // 0: the current time
  bool decode_face = true;
};

// Throws CardError; on success every file read has been verified as far as
// the chip allows (see AuthenticationResult).
CardRead read_card(SmartCardConnection& connection, const ReadOptions& options,
                   ReadObserver* observer = nullptr);

}  // namespace kiosk::card
