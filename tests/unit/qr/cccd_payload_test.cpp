#include "drivers/qr/cccd_payload.hpp"

#include <gtest/gtest.h>

#include <string>

namespace kiosk::qr {
namespace {

constexpr const char* kGood =
    "052090000495|215123456|Nguyễn Văn An|15031990|Nam|Số 12 Trần Hưng Đạo, Phường Lê Lợi, Thành phố Quy "
    "Nhơn, "
    "Tỉnh Bình Định|10052021";

CccdRejection rejection_of(const std::string& payload, const CccdParseOptions& options = {}) {
  const auto parsed = parse_cccd_payload(payload, options);
  EXPECT_FALSE(parsed.ok()) << payload;
  return parsed.ok() ? CccdRejection::kTooLong : parsed.rejection().code;
}

std::string replace_field(std::string payload, int index, const std::string& value) {
  std::size_t start = 0;
  for (int i = 0; i < index; ++i) {
    start = payload.find('|', start) + 1;
  }
  const std::size_t end = payload.find('|', start);
  return payload.replace(start, (end == std::string::npos ? payload.size() : end) - start, value);
}

TEST(CccdPayload, ParsesTheSevenFieldLayout) {
  const auto parsed = parse_cccd_payload(kGood);
  ASSERT_TRUE(parsed.ok()) << parsed.rejection().detail;
  const CccdIdentity& c = parsed.value();
  EXPECT_EQ(c.id, "052090000495");
  EXPECT_EQ(c.province_code(), "052");
  EXPECT_TRUE(c.sex_digit_matches);
  EXPECT_EQ(c.old_id, "215123456");
  EXPECT_EQ(c.full_name, "Nguyễn Văn An");
  EXPECT_EQ(c.date_of_birth, (CivilDate{1990, 3, 15}));
  EXPECT_EQ(c.sex, Sex::kMale);
  EXPECT_EQ(c.issue_date, (CivilDate{2021, 5, 10}));
  EXPECT_TRUE(c.extra_fields.empty());
}

TEST(CccdPayload, FormatRoundTrips) {
  const auto parsed = parse_cccd_payload(kGood);
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(format_cccd_payload(parsed.value()), kGood);
}

TEST(CccdPayload, EmptyOldIdAndFemaleBornIn2000s) {
  const auto parsed =
      parse_cccd_payload("079303004567||Phạm Thị Huyền|20012003|Nữ|128/4 Nguyễn Đình Chiểu, Quận 1|15062021");
  ASSERT_TRUE(parsed.ok()) << parsed.rejection().detail;
  EXPECT_TRUE(parsed.value().old_id.empty());
  EXPECT_EQ(parsed.value().sex, Sex::kFemale);
}

TEST(CccdPayload, KeepsFieldsOfTheNewerCardAfterTheIssueDate) {
  const std::string payload = std::string(kGood) + "|052090999999|Nguyễn Văn Bình|Lê Thị Cúc||";
  const auto parsed = parse_cccd_payload(payload);
  ASSERT_TRUE(parsed.ok()) << parsed.rejection().detail;
  ASSERT_EQ(parsed.value().extra_fields.size(), 3u);
  EXPECT_EQ(parsed.value().extra_fields[1], "Nguyễn Văn Bình");
}

TEST(CccdPayload, NormalisesDecomposedVietnameseToNfc) {
  // "Nguyễn" written as base letters and combining marks.
  const std::string decomposed = "Nguye\xCC\x82\xCC\x83n Va\xCC\x86n An";
  const auto parsed = parse_cccd_payload(replace_field(kGood, 2, decomposed));
  ASSERT_TRUE(parsed.ok()) << parsed.rejection().detail;
  EXPECT_EQ(parsed.value().full_name, "Nguyễn Văn An");
}

TEST(CccdPayload, AcceptsTrailingNewlineAndSpaces) {
  EXPECT_TRUE(parse_cccd_payload(std::string(kGood) + "\r\n").ok());
}

TEST(CccdPayload, RejectsForeignPayloads) {
  EXPECT_EQ(rejection_of("https://example.com/some/page"), CccdRejection::kNotCccd);
  EXPECT_EQ(rejection_of(""), CccdRejection::kNotCccd);
  EXPECT_EQ(rejection_of("H34.29.2-230520-0001"), CccdRejection::kNotCccd);
  EXPECT_EQ(rejection_of("a|b|c"), CccdRejection::kNotCccd);
}

TEST(CccdPayload, RejectsIllFormedText) {
  EXPECT_EQ(rejection_of(replace_field(kGood, 2, "Nguy\xC3")), CccdRejection::kIllFormedUtf8);
  EXPECT_EQ(rejection_of(replace_field(kGood, 2, "Nguy\xC0\xAF")), CccdRejection::kIllFormedUtf8);
  EXPECT_EQ(rejection_of(replace_field(kGood, 2, "Nguy\xED\xA0\x80")), CccdRejection::kIllFormedUtf8);
  EXPECT_EQ(rejection_of(replace_field(kGood, 2, std::string("An\0", 3))), CccdRejection::kControlCharacter);
  EXPECT_EQ(rejection_of(std::string(2000, '|')), CccdRejection::kTooLong);
}

TEST(CccdPayload, RejectsBadIdentificationNumbers) {
  EXPECT_EQ(rejection_of(replace_field(kGood, 0, "05209000049")), CccdRejection::kId);
  EXPECT_EQ(rejection_of(replace_field(kGood, 0, "05209000049X")), CccdRejection::kId);
  EXPECT_EQ(rejection_of(replace_field(kGood, 0, "003090000495")), CccdRejection::kUnknownProvince);
  EXPECT_EQ(rejection_of(replace_field(kGood, 0, "099090000495")), CccdRejection::kUnknownProvince);
  // Century digit 2 means born in the 2000s.
  EXPECT_EQ(rejection_of(replace_field(kGood, 0, "052290000495")), CccdRejection::kIdBirthMismatch);
  // Year digits 91 but born 1990.
  EXPECT_EQ(rejection_of(replace_field(kGood, 0, "052091000495")), CccdRejection::kIdBirthMismatch);
}

TEST(CccdPayload, FlagsASexDigitThatDisagreesWithTheSexField) {
  const auto good = parse_cccd_payload(kGood);
  ASSERT_TRUE(good.ok());
  EXPECT_TRUE(good.value().sex_digit_matches);
  // Digit 1 is a woman born in the 1900s, the payload says Nam.
  const auto flagged = parse_cccd_payload(replace_field(kGood, 0, "052190000495"));
  ASSERT_TRUE(flagged.ok());
  EXPECT_FALSE(flagged.value().sex_digit_matches);
}

TEST(CccdPayload, RejectsBadFields) {
  EXPECT_EQ(rejection_of(replace_field(kGood, 1, "2151234")), CccdRejection::kOldId);
  EXPECT_EQ(rejection_of(replace_field(kGood, 2, "")), CccdRejection::kName);
  EXPECT_EQ(rejection_of(replace_field(kGood, 2, "15031990")), CccdRejection::kName);
  EXPECT_EQ(rejection_of(replace_field(kGood, 2, std::string(101, 'a'))), CccdRejection::kName);
  EXPECT_EQ(rejection_of(replace_field(kGood, 3, "31021990")), CccdRejection::kDateOfBirth);
  EXPECT_EQ(rejection_of(replace_field(kGood, 3, "1990-03-15")), CccdRejection::kDateOfBirth);
  EXPECT_EQ(rejection_of(replace_field(kGood, 4, "M")), CccdRejection::kSex);
  EXPECT_EQ(rejection_of(replace_field(kGood, 5, "  ")), CccdRejection::kAddress);
  EXPECT_EQ(rejection_of(replace_field(kGood, 6, "29022021")), CccdRejection::kIssueDate);
  EXPECT_EQ(rejection_of(replace_field(kGood, 6, "01011980")), CccdRejection::kIssueBeforeBirth);
  EXPECT_EQ(rejection_of(kGood, CccdParseOptions{CivilDate{2021, 5, 9}}), CccdRejection::kIssueInFuture);
}

TEST(CccdPayload, AcceptsLeapDay) {
  const auto parsed = parse_cccd_payload("001300012345||Lê Thị Lan|29022000|Nữ|Hà Nội|01032021");
  ASSERT_TRUE(parsed.ok()) << parsed.rejection().detail;
  EXPECT_EQ(parsed.value().date_of_birth, (CivilDate{2000, 2, 29}));
}

TEST(CccdPayload, RejectionDetailNeverRepeatsPersonalData) {
  const auto parsed = parse_cccd_payload(replace_field(kGood, 3, "31021990"));
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.rejection().detail.find("052090000495"), std::string::npos);
  EXPECT_EQ(parsed.rejection().detail.find("Nguyễn"), std::string::npos);
  EXPECT_EQ(to_string(parsed.rejection().code), "date_of_birth");
}

}  // namespace
}  // namespace kiosk::qr
