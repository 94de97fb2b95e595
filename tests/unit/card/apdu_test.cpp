#include <gtest/gtest.h>

#include "drivers/card/apdu.hpp"
#include "drivers/card/card_error.hpp"

namespace kiosk::card {
namespace {

TEST(Apdu, ShortCases) {
  EXPECT_EQ(to_hex(CommandApdu{0x00, 0x84, 0x00, 0x00, {}, 8}.serialize()), "0084000008");
  EXPECT_EQ(to_hex(CommandApdu{0x00, 0xB0, 0x00, 0x00, {}, 256}.serialize()), "00B0000000");
  EXPECT_EQ(to_hex(CommandApdu{0x00, 0xA4, 0x02, 0x0C, from_hex("011E"), std::nullopt}.serialize()),
            "00A4020C02011E");
  EXPECT_EQ(to_hex(CommandApdu{0x00, 0x88, 0x00, 0x00, from_hex("0102"), 256}.serialize()),
            "008800000201020"
            "0");
}

TEST(Apdu, ExtendedCases) {
  EXPECT_EQ(to_hex(CommandApdu{0x00, 0xB0, 0x00, 0x00, {}, 65536}.serialize()), "00B00000000000");
  EXPECT_EQ(to_hex(CommandApdu{0x00, 0xB0, 0x00, 0x00, {}, 1000}.serialize()), "00B000000003E8");
  CommandApdu c{0x00, 0x86, 0x00, 0x00, Bytes(300, 0xAA), 65536};
  const Bytes raw = c.serialize();
  EXPECT_EQ(raw.size(), 4u + 3u + 300u + 2u);
  const CommandApdu back = CommandApdu::parse(raw);
  EXPECT_EQ(back.data, c.data);
  EXPECT_EQ(back.le, 65536u);
  EXPECT_TRUE(back.extended());
}

TEST(Apdu, ParseRoundTripsShort) {
  for (const char* hex : {"00A4040C07A0000002471001", "0084000008", "00B0000000", "00B000000A"}) {
    const Bytes raw = from_hex(hex);
    EXPECT_EQ(CommandApdu::parse(raw).serialize(), raw) << hex;
  }
}

TEST(Apdu, MalformedCommandsAreTypedErrors) {
  EXPECT_THROW(CommandApdu::parse(from_hex("00A4")), CardError);
  EXPECT_THROW(CommandApdu::parse(from_hex("00A4040C07A000")), CardError);
  EXPECT_THROW(ResponseApdu::parse(from_hex("90")), CardError);
}

TEST(Apdu, ResponseStatus) {
  const ResponseApdu r = ResponseApdu::parse(from_hex("01026282"));
  EXPECT_EQ(r.sw, 0x6282);
  EXPECT_TRUE(r.ok());
  EXPECT_EQ(to_hex(r.data), "0102");
}

}  // namespace
}  // namespace kiosk::card
