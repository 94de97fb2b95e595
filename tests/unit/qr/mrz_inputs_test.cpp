#include "drivers/qr/mrz_inputs.hpp"

#include <gtest/gtest.h>

namespace kiosk::qr {
namespace {

std::optional<CivilDate> expiry(CivilDate dob, CivilDate issued) {
  return card_expiry(dob, issued);
}

TEST(CardExpiry, ExpiresAtTheNextRenewalAge) {
  EXPECT_EQ(expiry({1990, 3, 15}, {2021, 5, 10}), (CivilDate{2030, 3, 15}));   // age 31 -> 40
  EXPECT_EQ(expiry({2003, 1, 20}, {2021, 6, 15}), (CivilDate{2028, 1, 20}));   // age 18 -> 25
  EXPECT_EQ(expiry({1975, 12, 30}, {2022, 1, 5}), (CivilDate{2035, 12, 30}));  // age 46 -> 60
}

TEST(CardExpiry, IssuedWithinTwoYearsBeforeARenewalAgeSkipsIt) {
  EXPECT_EQ(expiry({1998, 7, 22}, {2021, 7, 22}), (CivilDate{2038, 7, 22}));  // exactly 2 years before 25
  EXPECT_EQ(expiry({1998, 7, 22}, {2021, 7, 21}), (CivilDate{2023, 7, 22}));  // one day earlier
  EXPECT_EQ(expiry({1985, 11, 2}, {2024, 8, 1}), (CivilDate{2045, 11, 2}));   // 38 -> skip 40 -> 60
}

TEST(CardExpiry, NoExpiryFromFiftyEight) {
  EXPECT_EQ(expiry({1960, 9, 9}, {2021, 3, 1}), std::nullopt);
  EXPECT_EQ(expiry({1963, 9, 9}, {2021, 9, 9}), std::nullopt);
  EXPECT_EQ(expiry({1963, 9, 9}, {2021, 9, 8}), (CivilDate{2023, 9, 9}));
}

TEST(CardExpiry, CardsUnderTheTwentyTwentyThreeLawAlsoRenewAtFourteen) {
  EXPECT_EQ(expiry({2015, 4, 1}, {2024, 7, 1}), (CivilDate{2029, 4, 1}));
  EXPECT_EQ(expiry({2015, 4, 1}, {2024, 6, 30}), (CivilDate{2040, 4, 1}));  // issued before: 25 is next
}

TEST(CardExpiry, LeapDayBirthdays) {
  EXPECT_EQ(expiry({2000, 2, 29}, {2021, 3, 1}), (CivilDate{2025, 2, 28}));
  EXPECT_EQ(expiry({2001, 2, 28}, {2018, 3, 1}), (CivilDate{2026, 2, 28}));
}

TEST(MrzInputs, FromQrIdentity) {
  CccdIdentity c;
  c.id = "052090000495";
  c.date_of_birth = {1990, 3, 15};
  c.issue_date = {2021, 5, 10};
  const MrzInputs mrz = mrz_inputs_from_qr(c);
  EXPECT_EQ(mrz.document_number, "090000495");
  EXPECT_EQ(mrz.date_of_birth, "900315");
  EXPECT_EQ(mrz.date_of_expiry, "300315");

  c.id = "048060007788";
  c.date_of_birth = {1960, 9, 9};
  c.issue_date = {2021, 3, 1};
  const MrzInputs old = mrz_inputs_from_qr(c);
  EXPECT_FALSE(old.expiry.has_value());
  EXPECT_EQ(old.date_of_expiry, kNoExpiryMrz);
}

}  // namespace
}  // namespace kiosk::qr
