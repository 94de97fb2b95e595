// ICAO Doc 9303 Part 11, Appendix D.4: secure messaging after BAC.
#include <gtest/gtest.h>

#include "drivers/card/card_error.hpp"
#include "drivers/card/secure_messaging.hpp"

namespace kiosk::card {
namespace {

SessionKeys example_keys() {
  SessionKeys k;
  k.kind = CipherKind::Des3;
  k.k_enc = from_hex("979EC13B1CBFE9DCD01AB0FED307EAE5");
  k.k_mac = from_hex("F1CB1F1FB5ADF208806B89DC579DC1F8");
  k.ssc = from_hex("887022120C06C226");
  return k;
}

TEST(SecureMessaging, WorkedExampleSelectAndReadEfCom) {
  SecureMessaging sm(example_keys());
  CommandApdu select{0x00, 0xA4, 0x02, 0x0C, from_hex("011E"), std::nullopt};
  EXPECT_EQ(to_hex(sm.protect(select).serialize()), "0CA4020C158709016375432908C044F68E08BF8B92D635FF24F800");
  EXPECT_EQ(to_hex(sm.keys().ssc), "887022120C06C227");

  ResponseApdu r = sm.unprotect(ResponseApdu::parse(from_hex("990290008E08FA855A5D4C50A8ED9000")));
  EXPECT_EQ(r.sw, 0x9000);
  EXPECT_TRUE(r.data.empty());

  CommandApdu read4{0x00, 0xB0, 0x00, 0x00, {}, 4};
  EXPECT_EQ(to_hex(sm.protect(read4).serialize()), "0CB000000D9701048E08ED6705417E96BA5500");
  r = sm.unprotect(ResponseApdu::parse(from_hex("8709019FF0EC34F9922651990290008E08AD55CC17140B2DED9000")));
  EXPECT_EQ(to_hex(r.data), "60145F01");

  CommandApdu read18{0x00, 0xB0, 0x00, 0x04, {}, 0x12};
  EXPECT_EQ(to_hex(sm.protect(read18).serialize()), "0CB000040D9701128E082EA28A70F3C7B53500");
  r = sm.unprotect(ResponseApdu::parse(
      from_hex("871901FB9235F4E4037F2327DCC8964F1F9B8C30F42C8E2FFF224A990290008E08C8B2787EAEA07D749000")));
  EXPECT_EQ(to_hex(r.data), "04303130365F36063034303030305C026175");
}

TEST(SecureMessaging, WrongMacIsRetriableSecureMessagingError) {
  SecureMessaging sm(example_keys());
  sm.protect(CommandApdu{0x00, 0xA4, 0x02, 0x0C, from_hex("011E"), std::nullopt});
  try {
    sm.unprotect(ResponseApdu::parse(from_hex("990290008E08FA855A5D4C50A8EE9000")));
    FAIL();
  } catch (const CardError& e) {
    EXPECT_EQ(e.code(), ErrorCode::SecureMessaging);
    EXPECT_TRUE(e.retriable());
  }
}

TEST(SecureMessaging, ChipAndTerminalAgreeWithAesAndExtendedLength) {
  SessionKeys k;
  k.kind = CipherKind::Aes128;
  k.k_enc = from_hex("000102030405060708090A0B0C0D0E0F");
  k.k_mac = from_hex("0F0E0D0C0B0A09080706050403020100");
  k.ssc = Bytes(16, 0);
  SecureMessaging terminal(k);
  SecureMessaging chip(k);
  CommandApdu read{0x00, 0xB0, 0x82, 0x00, {}, 4000};
  const CommandApdu wire = terminal.protect(read);
  EXPECT_TRUE(wire.extended());
  const CommandApdu seen = chip.unprotect_command(CommandApdu::parse(wire.serialize()));
  EXPECT_EQ(seen.ins, 0xB0);
  EXPECT_EQ(seen.p1, 0x82);
  EXPECT_EQ(seen.le, 4000u);
  const Bytes content(4000, 0x5A);
  const ResponseApdu answer = chip.protect_response(ResponseApdu{content, 0x9000});
  const ResponseApdu got = terminal.unprotect(ResponseApdu::parse(answer.serialize()));
  EXPECT_EQ(got.data, content);
  EXPECT_EQ(got.sw, 0x9000);
}

TEST(SecureMessaging, GarbledResponseIsMalformed) {
  SecureMessaging sm(example_keys());
  try {
    sm.unprotect(ResponseApdu{from_hex("87FF01"), 0x9000});
    FAIL();
  } catch (const CardError& e) {
    EXPECT_EQ(e.code(), ErrorCode::MalformedResponse);
  }
}

}  // namespace
}  // namespace kiosk::card
