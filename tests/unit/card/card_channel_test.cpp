#include <gtest/gtest.h>

#include "drivers/card/atr.hpp"
#include "drivers/card/card_channel.hpp"
#include "drivers/card/card_error.hpp"
#include "drivers/card/emrtd_reader.hpp"
#include "tests/unit/card/scripted_card.hpp"

namespace kiosk::card {
namespace {

using testing::ScriptedConnection;

const std::string kCom = "60145F0104303130365F36063034303030305C026175";

TEST(CardChannel, SmallFileIsOneReadBinaryWithoutSelect) {
  ScriptedConnection card;
  card.expect("00B09E00DF", kCom + "6282");
  CardChannel channel(card);
  const auto content = channel.read_file(0x1E);
  ASSERT_TRUE(content);
  EXPECT_EQ(to_hex(*content), kCom);
  EXPECT_EQ(card.exchanged(), 1);
}

TEST(CardChannel, LargeFileInLargestShortChunks) {
  // A 300-byte file: 223 bytes, then the remaining 77 from offset 223.
  const std::string body(296 * 2, 'A');
  const std::string file = "6F820128" + body;
  ScriptedConnection card;
  card.expect("00B08F00DF", file.substr(0, 223 * 2) + "9000");
  card.expect("00B000DF4D", file.substr(223 * 2) + "9000");
  CardChannel channel(card);
  const auto content = channel.read_file(0x0F);
  ASSERT_TRUE(content);
  EXPECT_EQ(content->size(), 300u);
  EXPECT_TRUE(card.done());
}

TEST(CardChannel, ExtendedLengthRefusedFallsBackToShort) {
  ScriptedConnection card;
  card.expect("00B0810000FE00", "6700");
  card.expect("00B08100DF", kCom + "9000");
  CardChannel channel(card);
  channel.set_extended_length(true);
  EXPECT_TRUE(channel.read_file(0x01));
  EXPECT_FALSE(channel.extended_length());
}

TEST(CardChannel, MissingFileIsNullopt) {
  ScriptedConnection card;
  card.expect("00B08E00DF", "6A82");
  CardChannel channel(card);
  EXPECT_FALSE(channel.read_file(0x0E));
}

TEST(CardChannel, PhasesCountApdusAndBytes) {
  ScriptedConnection card;
  card.expect("00B09E00DF", kCom + "9000");
  CardChannel channel(card);
  channel.begin_phase("identity");
  channel.read_file(0x1E);
  const auto phases = channel.finish_phases();
  ASSERT_EQ(phases.size(), 2u);
  EXPECT_EQ(phases[1].name, "identity");
  EXPECT_EQ(phases[1].apdus, 1u);
  EXPECT_EQ(phases[1].bytes, 5u + kCom.size() / 2 + 2);
}

TEST(CardChannel, CancelStopsBeforeTheNextApdu) {
  ScriptedConnection card;
  CardChannel channel(card);
  channel.set_cancel_check([] { return true; });
  try {
    channel.read_file(0x01);
    FAIL();
  } catch (const CardError& e) {
    EXPECT_EQ(e.code(), ErrorCode::Cancelled);
  }
}

TEST(EmrtdReaderScripted, RemovalDuringAccessControlIsCardRemoved) {
  ScriptedConnection card;
  card.set_atr(build_atr(true));
  card.expect("00B09C0000FE00", "6A82");  // no EF.CardAccess: BAC
  card.expect("00A4040C07A0000002471001", "REMOVED");
  const ReadOptions options{cccd_mrz_key("052090000495", "900315", "300315"), nullptr, {}, 0, false};
  try {
    read_card(card, options);
    FAIL();
  } catch (const CardError& e) {
    EXPECT_EQ(e.code(), ErrorCode::CardRemoved);
    EXPECT_TRUE(e.retriable());
  }
}

TEST(EmrtdReaderScripted, WrongMrzRefusedByTheChip) {
  ScriptedConnection card;
  card.set_atr(build_atr(false));
  card.expect("00B09C00DF", "6A82");
  card.expect("00A4040C07A0000002471001", "9000");
  card.expect("0084000008", "01020304050607089000");
  card.expect("*", "6300");  // EXTERNAL AUTHENTICATE carries random data
  const ReadOptions options{cccd_mrz_key("052090000495", "900315", "300315"), nullptr, {}, 0, false};
  try {
    read_card(card, options);
    FAIL();
  } catch (const CardError& e) {
    EXPECT_EQ(e.code(), ErrorCode::AccessDenied);
    EXPECT_FALSE(e.retriable());
  }
}

TEST(Atr, ExtendedLengthCapability) {
  EXPECT_TRUE(atr_announces_extended_length(build_atr(true)));
  EXPECT_FALSE(atr_announces_extended_length(build_atr(false)));
  EXPECT_FALSE(atr_announces_extended_length(from_hex("3B8F8001804F0CA000000306030001000000006A")));
  EXPECT_FALSE(atr_announces_extended_length(from_hex("3B")));
}

}  // namespace
}  // namespace kiosk::card
