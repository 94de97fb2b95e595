#include "drivers/card/emrtd_reader.hpp"

#include <map>

#include "drivers/card/active_auth.hpp"
#include "drivers/card/atr.hpp"
#include "drivers/card/card_error.hpp"
#include "drivers/card/chip_access.hpp"
#include "drivers/card/crypto.hpp"
#include "drivers/card/security_infos.hpp"
#include "drivers/card/tlv.hpp"

namespace kiosk::card {

namespace {

std::optional<Bytes> read_optional(CardChannel& channel, std::uint8_t sfi) {
  return channel.read_file(sfi);
}

Bytes read_required(CardChannel& channel, std::uint8_t sfi, const char* name) {
  auto content = channel.read_file(sfi);
  if (!content)
    throw CardError(ErrorCode::FileNotFound, std::string("the chip has no ") + name);
  return std::move(*content);
}

}  // namespace

std::string_view chip_check_name(ChipCheck check) {
  switch (check) {
    case ChipCheck::NotSupported:
      return "not_supported";
    case ChipCheck::Passed:
      return "passed";
    case ChipCheck::Failed:
      return "failed";
  }
  return "unknown";
}

void CardRead::wipe() {
  mrz.wipe();
  citizen.wipe();
  if (face)
    face->wipe();
  face.reset();
  com = EfCom{};
  authentication = AuthenticationResult{};
  phases.clear();
}

namespace {
void read_into(CardRead& result, SmartCardConnection& connection, const ReadOptions& options,
               ReadObserver* observer) {
  CardChannel channel(connection);
  channel.set_cancel_check(options.cancelled);
  std::map<int, Bytes> files;
  struct Wipe {
    std::map<int, Bytes>& f;
    ~Wipe() {
      for (auto& [n, b] : f)
        card::wipe(b);
    }
  } wipe_files{files};

  channel.set_extended_length(atr_announces_extended_length(connection.atr()));

  channel.begin_phase("access_control");
  const auto pace = supported_pace(channel.read_file(kSfiCardAccess));
  if (pace) {
    result.authentication.access_control = "PACE";
    run_pace(channel, options.key, *pace);
  } else {
    result.authentication.access_control = "BAC";
    run_bac(channel, options.key);
  }

  channel.begin_phase("identity");
  files[1] = read_required(channel, 1, "DG1");
  result.mrz = parse_dg1(files[1]);
  if (auto dg13 = read_optional(channel, 13)) {
    files[13] = std::move(*dg13);
    result.citizen = parse_dg13(files[13]);
  }
  if (observer)
    observer->identity_read(result.mrz, result.citizen);

  channel.begin_phase("security");
  const Bytes com_file = read_required(channel, kSfiCom, "EF.COM");
  result.com = parse_ef_com(com_file);
  const Bytes sod = read_required(channel, kSfiSod, "EF.SOD");
  if (result.com.has(14)) {
    files[14] = read_required(channel, 14, "DG14");
    const SecurityInfos infos = parse_security_infos(files[14]);
    if (infos.chip_authentication) {
      run_chip_authentication(channel, *infos.chip_authentication);
      result.authentication.chip = ChipCheck::Passed;
    }
  }
  try {
    if (result.com.has(15)) {
      files[15] = read_required(channel, 15, "DG15");
      const ossl::Pkey aa_key = parse_dg15(files[15]);
      const Bytes challenge = crypto::random_bytes(8);
      const ResponseApdu r = channel.transmit(CommandApdu{0x00, 0x88, 0x00, 0x00, challenge, 256});
      result.authentication.active =
          r.sw == sw::kSuccess && verify_active_authentication(aa_key.get(), challenge, r.data)
              ? ChipCheck::Passed
              : ChipCheck::Failed;
    }

    channel.begin_phase("face");
    if (result.com.has(2)) {
      files[2] = read_required(channel, 2, "DG2");
    }
  } catch (const CardError& e) {
    // The first exchange after chip authentication is the proof: a chip
    // without DG14's private key cannot produce the new session keys.
    if (result.authentication.chip == ChipCheck::Passed && e.code() == ErrorCode::SecureMessaging) {
      throw CardError(ErrorCode::ChipAuthentication,
                      "chip authentication failed: the chip does not hold the key in DG14 (possible copy)");
    }
    throw;
  }
  if (files.count(2)) {
    result.face = parse_dg2(files[2]);
    if (options.decode_face)
      decode_face(*result.face);
    if (observer)
      observer->face_read(*result.face);
  }

  channel.begin_phase("passive_authentication");
  if (options.trust) {
    result.authentication.passive =
        verify_passive(sod, files, *options.trust, options.now ? options.now : std::time(nullptr));
  } else {
    result.authentication.passive =
        verify_passive(sod, files, CscaStore{}, options.now ? options.now : std::time(nullptr));
  }
  result.extended_length = channel.extended_length();
  result.phases = channel.finish_phases();
  if (observer)
    observer->authentication_done(result.authentication);
}
}  // namespace

CardRead read_card(SmartCardConnection& connection, const ReadOptions& options, ReadObserver* observer) {
  CardRead result;
  try {
    read_into(result, connection, options, observer);
  } catch (...) {
    // A failed read leaves no personal data behind either.
    result.wipe();
    throw;
  }
  return result;
}

}  // namespace kiosk::card
