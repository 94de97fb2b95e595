// ICAO Doc 9303 Part 11 (8th edition), Appendix G.1: the published worked
// example of PACE with ECDH generic mapping, AES-128 and brainpoolP256r1
// (standardized domain parameters 13). Every value below is the example's.
#include <gtest/gtest.h>

#include <deque>

#include "drivers/card/chip_access.hpp"
#include "drivers/card/crypto.hpp"
#include "drivers/card/lds_files.hpp"
#include "drivers/card/pace.hpp"
#include "drivers/card/secure_messaging.hpp"
#include "drivers/card/security_infos.hpp"

namespace kiosk::card {
namespace {

const MrzKey kMrz{"T22000129", "640812", "101031"};
constexpr const char* kK = "7E2D2A41C74EA0B38CD36F863939BFA8E9032AAD";
constexpr const char* kKpi = "89DED1B26624EC1E634C1989302849DD";
constexpr const char* kEncryptedNonce = "95A3A016522EE98D01E76CB6B98B42C3";
constexpr const char* kNonce = "3F00C4D39D153F2B2A214A078D899B22";
constexpr const char* kSkMapIfd = "7F4EF07B9EA82FD78AD689B38D0BC78CF21F249D953BC46F4C6E19259C010F99";
constexpr const char* kPkMapIfd =
    "047ACF3EFC982EC45565A4B155129EFBC74650DCBFA6362D896FC70262E0C2CC5E"
    "544552DCB6725218799115B55C9BAA6D9F6BC3A9618E70C25AF71777A9C4922D";
constexpr const char* kSkMapIc = "498FF49756F2DC1587840041839A85982BE7761D14715FB091EFA7BCE9058560";
constexpr const char* kPkMapIc =
    "04824FBA91C9CBE26BEF53A0EBE7342A3BF178CEA9F45DE0B70AA601651FBA3F57"
    "30D8C879AAA9C9F73991E61B58F4D52EB87A0A0C709A49DC63719363CCD13C54";
constexpr const char* kH =
    "0460332EF2450B5D247EF6D3868397D398852ED6E8CAF6FFEEF6BF85CA57057FD5"
    "0840CA7415BAF3E43BD414D35AA4608B93A2CAF3A4E3EA4E82C9C13D03EB7181";
constexpr const char* kMappedGenerator =
    "048CED63C91426D4F0EB1435E7CB1D74A46723A0AF21C89634F65A9AE87A9265E2"
    "8C879506743F8611AC33645C5B985C80B5F09A0B83407C1B6A4D857AE76FE522";
constexpr const char* kSkDhIfd = "A73FB703AC1436A18E0CFA5ABB3F7BEC7A070E7A6788486BEE230C4A22762595";
constexpr const char* kPkDhIfd =
    "042DB7A64C0355044EC9DF190514C625CBA2CEA48754887122F3A5EF0D5EDD301C"
    "3556F3B3B186DF10B857B58F6A7EB80F20BA5DC7BE1D43D9BF850149FBB36462";
constexpr const char* kSkDhIc = "107CF58696EF6155053340FD633392BA81909DF7B9706F226F32086C7AFF974A";
constexpr const char* kPkDhIc =
    "049E880F842905B8B3181F7AF7CAA9F0EFB743847F44A306D2D28C1D9EC65DF6DB"
    "7764B22277A2EDDC3C265A9F018F9CB852E111B768B326904B59A0193776F094";
constexpr const char* kSharedSecret = "28768D20701247DAE81804C9E780EDE582A9996DB4A315020B2733197DB84925";
constexpr const char* kKsEnc = "F5F0E35C0D7161EE6724EE513A0D9A7F";
constexpr const char* kKsMac = "FE251C7858B356B24514B3BD5F4297D1";
constexpr const char* kTokenIfd = "C2B0BD78D94BA866";
constexpr const char* kTokenIc = "3ABB9674BCE93C08";

ossl::Bignum scalar(const char* hex) {
  return ec::bignum(from_hex(hex));
}

std::string point(const ec::Curve& curve, const ossl::EcPoint& p) {
  return to_hex(curve.encode(p.get()));
}

TEST(PaceWorkedExample, PasswordKeyAndNonce) {
  EXPECT_EQ(kMrz.information(), "T22000129364081251010318");
  EXPECT_EQ(to_hex(crypto::digest("SHA1", to_bytes(kMrz.information()))), kK);
  const Bytes k_pi = pace_password_key(kMrz);
  EXPECT_EQ(to_hex(k_pi), kKpi);
  EXPECT_EQ(to_hex(crypto::aes_cbc(k_pi, {}, from_hex(kEncryptedNonce), crypto::Direction::Decrypt)), kNonce);
}

TEST(PaceWorkedExample, GenericMappingKeyAgreementKeysAndTokens) {
  const ec::Curve curve = ec::Curve::from_parameter_id(13);
  const auto sk_map_ifd = scalar(kSkMapIfd);
  const auto sk_map_ic = scalar(kSkMapIc);
  EXPECT_EQ(point(curve, curve.multiply(nullptr, sk_map_ifd.get())), kPkMapIfd);
  EXPECT_EQ(point(curve, curve.multiply(nullptr, sk_map_ic.get())), kPkMapIc);

  const ossl::EcPoint pk_map_ic = curve.decode(from_hex(kPkMapIc));
  const ossl::EcPoint h = curve.multiply(pk_map_ic.get(), sk_map_ifd.get());
  EXPECT_EQ(point(curve, h), kH);
  const ossl::EcPoint generator = pace_mapped_generator(curve, scalar(kNonce).get(), h.get());
  EXPECT_EQ(point(curve, generator), kMappedGenerator);

  EXPECT_EQ(point(curve, curve.multiply(generator.get(), scalar(kSkDhIfd).get())), kPkDhIfd);
  EXPECT_EQ(point(curve, curve.multiply(generator.get(), scalar(kSkDhIc).get())), kPkDhIc);
  const ossl::EcPoint pk_dh_ic = curve.decode(from_hex(kPkDhIc));
  const Bytes secret = curve.x_coordinate(curve.multiply(pk_dh_ic.get(), scalar(kSkDhIfd).get()).get());
  EXPECT_EQ(to_hex(secret), kSharedSecret);

  const SessionKeys keys = aes_session_keys(secret);
  EXPECT_EQ(to_hex(keys.k_enc), kKsEnc);
  EXPECT_EQ(to_hex(keys.k_mac), kKsMac);
  EXPECT_EQ(to_hex(pace_token(keys.k_mac, oid::kPaceEcdhGmAes128, from_hex(kPkDhIc))), kTokenIfd);
  EXPECT_EQ(to_hex(pace_token(keys.k_mac, oid::kPaceEcdhGmAes128, from_hex(kPkDhIfd))), kTokenIc);
}

// The chip of the example: answers the example's APDUs with its responses,
// then checks that the next command is protected with the example's
// session keys.
class WorkedExampleChip : public SmartCardConnection {
 public:
  WorkedExampleChip() {
    script_ = {
        {"0022C1A40F800A04007F00070202040202830101", "9000"},
        {"10860000027C0000", std::string("7C128010") + kEncryptedNonce + "9000"},
        {std::string("10860000457C438141") + kPkMapIfd + "00", std::string("7C438241") + kPkMapIc + "9000"},
        {std::string("10860000457C438341") + kPkDhIfd + "00", std::string("7C438441") + kPkDhIc + "9000"},
        {std::string("008600000C7C0A8508") + kTokenIfd + "00", std::string("7C0A8608") + kTokenIc + "9000"},
    };
  }
  Bytes transmit(ByteView command) override {
    if (!script_.empty()) {
      auto [expected, answer] = script_.front();
      script_.pop_front();
      EXPECT_EQ(to_hex(command), expected);
      return from_hex(answer);
    }
    SessionKeys keys;
    keys.kind = CipherKind::Aes128;
    keys.k_enc = from_hex(kKsEnc);
    keys.k_mac = from_hex(kKsMac);
    keys.ssc = Bytes(16, 0);
    SecureMessaging chip_side(std::move(keys));
    const CommandApdu plain = chip_side.unprotect_command(CommandApdu::parse(command));
    selected_ = plain.ins == 0xA4 && plain.data == kMrtdAid;
    return chip_side.protect_response(ResponseApdu{{}, sw::kSuccess}).serialize();
  }
  Bytes atr() const override { return {}; }
  void reconnect() override {}
  bool finished() const { return script_.empty() && selected_; }

 private:
  std::deque<std::pair<std::string, std::string>> script_;
  bool selected_ = false;
};

TEST(PaceWorkedExample, ReaderReplaysTheExampleTranscriptByteForByte) {
  WorkedExampleChip chip;
  CardChannel channel(chip);
  std::deque<const char*> terminal_keys{kSkMapIfd, kSkDhIfd};
  run_pace(channel, kMrz, PaceInfo{oid::kPaceEcdhGmAes128, 2, 13}, [&](const ec::Curve&) {
    const char* next = terminal_keys.front();
    terminal_keys.pop_front();
    return scalar(next);
  });
  EXPECT_TRUE(channel.secure());
  EXPECT_TRUE(chip.finished());
}

}  // namespace
}  // namespace kiosk::card
