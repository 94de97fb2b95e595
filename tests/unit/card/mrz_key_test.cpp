#include <gtest/gtest.h>

#include "drivers/card/card_error.hpp"
#include "drivers/card/mrz_key.hpp"

namespace kiosk::card {
namespace {

TEST(MrzKey, CheckDigitsOfPart3Examples) {
  EXPECT_EQ(mrz_check_digit("L898902C<"), 3);
  EXPECT_EQ(mrz_check_digit("690806"), 1);
  EXPECT_EQ(mrz_check_digit("940623"), 6);
  EXPECT_EQ(mrz_check_digit("D23145890"), 7);
  EXPECT_EQ(mrz_check_digit("<<<<<<"), 0);
  EXPECT_EQ(mrz_check_digit("ab"), -1);
}

TEST(MrzKey, CccdUsesLastNineDigits) {
  const MrzKey k = cccd_mrz_key("052090000495", "900315", "300315");
  EXPECT_EQ(k.document_number, "090000495");
  EXPECT_EQ(k.information().substr(0, 10), "0900004957");
}

TEST(MrzKey, CardWithoutExpiry) {
  EXPECT_EQ(cccd_mrz_key("048060007788", "600909", "").date_of_expiry, "<<<<<<");
}

TEST(MrzKey, RejectsBadInput) {
  EXPECT_THROW(cccd_mrz_key("05209000049", "900315", "300315"), CardError);
  EXPECT_THROW(cccd_mrz_key("05209000049X", "900315", "300315"), CardError);
  EXPECT_THROW(cccd_mrz_key("052090000495", "901315", "300315"), CardError);
  EXPECT_THROW(cccd_mrz_key("052090000495", "900315", "3003"), CardError);
}

TEST(MrzKey, ExpiryFollowsRenewalAges) {
  // Issued at 31: valid until 40.
  EXPECT_EQ(cccd_expiry({1990, 3, 15}, {2021, 5, 10}), (CivilDate{2030, 3, 15}));
  // Issued at 18: valid until 25.
  EXPECT_EQ(cccd_expiry({2003, 1, 20}, {2021, 6, 15}), (CivilDate{2028, 1, 20}));
  // Issued within 2 years before 40: valid until 60.
  EXPECT_EQ(cccd_expiry({1985, 11, 2}, {2024, 8, 1}), (CivilDate{2045, 11, 2}));
  // Issued at 46: valid until 60.
  EXPECT_EQ(cccd_expiry({1975, 12, 30}, {2022, 1, 5}), (CivilDate{2035, 12, 30}));
  // Issued at 58 or later: never expires.
  EXPECT_FALSE(cccd_expiry({1960, 9, 9}, {2021, 3, 1}));
  EXPECT_FALSE(cccd_expiry({1963, 9, 9}, {2021, 10, 1}));
  EXPECT_EQ(to_yymmdd({2030, 3, 15}), "300315");
}

}  // namespace
}  // namespace kiosk::card
