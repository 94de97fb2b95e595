// The QR code of every demo card parses back to the demo citizen, and the
// MRZ inputs derived from it match the card's printed expiry.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "drivers/qr/cccd_payload.hpp"
#include "drivers/qr/mrz_inputs.hpp"

namespace kiosk::qr {
namespace {

nlohmann::json citizens() {
  std::ifstream in(KIOSK_SOURCE_DIR "/sandbox/demo/citizens.json");
  return nlohmann::json::parse(in).at("citizens");
}

CccdIdentity identity_of(const nlohmann::json& c) {
  CccdIdentity id;
  id.id = c.at("id").get<std::string>();
  id.old_id = c.at("old_id").get<std::string>();
  id.full_name = c.at("full_name").get<std::string>();
  id.date_of_birth = CivilDate::from_iso(c.at("date_of_birth").get<std::string>()).value();
  id.sex = c.at("sex").get<std::string>() == "Nam" ? Sex::kMale : Sex::kFemale;
  id.address = c.at("place_of_residence").get<std::string>();
  id.issue_date = CivilDate::from_iso(c.at("issue_date").get<std::string>()).value();
  return id;
}

TEST(DemoCitizens, EachCardQrParsesToItsCitizen) {
  const auto all = citizens();
  ASSERT_GE(all.size(), 6u);
  for (const auto& c : all) {
    const CccdIdentity expected = identity_of(c);
    const auto parsed = parse_cccd_payload(format_cccd_payload(expected));
    ASSERT_TRUE(parsed.ok()) << c.at("id") << ": " << parsed.rejection().detail;
    const CccdIdentity& got = parsed.value();
    EXPECT_EQ(got.id, expected.id);
    EXPECT_EQ(got.old_id, expected.old_id);
    EXPECT_EQ(got.full_name, expected.full_name);
    EXPECT_EQ(got.date_of_birth, expected.date_of_birth);
    EXPECT_EQ(got.sex, expected.sex);
    EXPECT_EQ(got.address, expected.address);
    EXPECT_EQ(got.issue_date, expected.issue_date);
  }
}

TEST(DemoCitizens, MrzExpiryFollowsTheRenewalAges) {
  for (const auto& c : citizens()) {
    const std::string id = c.at("id").get<std::string>();
    const MrzInputs mrz = mrz_inputs_from_qr(identity_of(c));
    const std::string printed = c.at("expiry_date").get<std::string>();
    if (printed.empty()) {
      EXPECT_FALSE(mrz.expiry.has_value()) << id;
    } else {
      ASSERT_TRUE(mrz.expiry.has_value()) << id;
      EXPECT_EQ(mrz.expiry->iso(), printed) << id;
    }
    EXPECT_EQ(mrz.document_number, id.substr(3));
  }
}

}  // namespace
}  // namespace kiosk::qr
