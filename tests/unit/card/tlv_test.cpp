// ICAO Doc 9303 Part 10 TLV examples (EF.COM of the worked example).
#include <gtest/gtest.h>

#include "drivers/card/card_error.hpp"
#include "drivers/card/tlv.hpp"

namespace kiosk::card {
namespace {

TEST(Tlv, ParsesEfComOfWorkedExample) {
  const Bytes com = from_hex("60145F0104303130365F36063034303030305C026175");
  const Tlv top = parse_tlv(com);
  EXPECT_EQ(top.tag, 0x60u);
  EXPECT_TRUE(top.constructed());
  EXPECT_EQ(top.value.size(), 0x14u);
  const auto version = find_child(top.value, 0x5F01);
  ASSERT_TRUE(version);
  EXPECT_EQ(to_string(version->value), "0106");
  const auto list = find_child(top.value, 0x5C);
  ASSERT_TRUE(list);
  EXPECT_EQ(to_hex(list->value), "6175");
}

TEST(Tlv, TotalSizeFromHeaderOnly) {
  EXPECT_EQ(tlv_total_size(from_hex("6014")), 0x16u);
  EXPECT_EQ(tlv_total_size(from_hex("75820C8A7F61")), 0x0C8Au + 4u);
  EXPECT_FALSE(tlv_total_size(from_hex("7582")));
  EXPECT_EQ(tlv_total_size(from_hex("5F1F815A")), 0x5Au + 4u);
}

TEST(Tlv, LengthForms) {
  EXPECT_EQ(to_hex(encode_length(0x7F)), "7F");
  EXPECT_EQ(to_hex(encode_length(0x80)), "8180");
  EXPECT_EQ(to_hex(encode_length(0x1234)), "821234");
  EXPECT_EQ(to_hex(encode_tlv(0x5F1F, from_hex("AA"))), "5F1F01AA");
}

TEST(Tlv, OidsAndIntegers) {
  EXPECT_EQ(to_hex(encode_oid("2.23.136.1.1.1")), "678108010101");
  EXPECT_EQ(decode_oid(encode_oid("0.4.0.127.0.7.2.2.4.2.2")), "0.4.0.127.0.7.2.2.4.2.2");
  EXPECT_EQ(to_hex(encode_integer(128)), "02020080");
  EXPECT_EQ(decode_integer(from_hex("0080")), 128);
}

TEST(Tlv, RejectsMalformedInput) {
  for (const char* hex : {"60", "6081", "6005AABB", "5F", "5FFFFFFF01", "608400000001AA", "6080"}) {
    EXPECT_THROW(parse_tlv(from_hex(hex)), CardError) << hex;
  }
}

}  // namespace
}  // namespace kiosk::card
