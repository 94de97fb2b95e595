#pragma once
// Opening the chip (ICAO 9303 Part 11): BAC or PACE-GM for access control,
// then chip authentication, each ending in new secure messaging keys on the
// channel.
#include <functional>
#include <optional>

#include "drivers/card/card_channel.hpp"
#include "drivers/card/ec_math.hpp"
#include "drivers/card/mrz_key.hpp"
#include "drivers/card/security_infos.hpp"

namespace kiosk::card {

// Where the terminal's ephemeral private keys come from: random in the
// kiosk; the published worked examples fix them to replay their transcript.
using EphemeralScalars = std::function<ossl::Bignum(const ec::Curve&)>;

void run_bac(CardChannel& channel, const MrzKey& key);

// The PACE protocol we speak if EF.CardAccess offers it (ECDH-GM with AES-128
// on P-256 or brainpoolP256r1); nullopt leaves BAC.
std::optional<PaceInfo> supported_pace(const std::optional<Bytes>& card_access);
// PACE-GM, then SELECT of the eMRTD application under the new keys.
void run_pace(CardChannel& channel, const MrzKey& key, const PaceInfo& info,
              const EphemeralScalars& scalars = {});

// Chip authentication with ECDH and AES (ICAO 9303 Part 11, 6.2): new
// session keys only the holder of DG14's private key can compute.
void run_chip_authentication(CardChannel& channel, const ChipAuthenticationKey& key,
                             const EphemeralScalars& scalars = {});

}  // namespace kiosk::card
