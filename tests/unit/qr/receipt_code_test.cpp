#include "drivers/qr/receipt_code.hpp"

#include <gtest/gtest.h>

namespace kiosk::qr {
namespace {

ReceiptRejection rejection_of(std::string_view payload, const ReceiptParseOptions& options = {}) {
  const auto parsed = parse_receipt_payload(payload, options);
  EXPECT_FALSE(parsed.ok()) << payload;
  return parsed.ok() ? ReceiptRejection::kTooLong : parsed.rejection().code;
}

TEST(ReceiptCode, ParsesABareDossierCode) {
  const auto parsed = parse_receipt_payload("H34.29.2-230520-0001");
  ASSERT_TRUE(parsed.ok()) << parsed.rejection().detail;
  EXPECT_EQ(parsed.value().code, "H34.29.2-230520-0001");
  EXPECT_EQ(parsed.value().agency, "H34.29.2");
  EXPECT_EQ(parsed.value().received, (CivilDate{2023, 5, 20}));
  EXPECT_EQ(parsed.value().sequence, 1);
}

TEST(ReceiptCode, CanonicalisesCase) {
  const auto parsed = parse_receipt_payload("h34.29.2-230520-0042\n");
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(parsed.value().code, "H34.29.2-230520-0042");
  EXPECT_EQ(parsed.value().sequence, 42);
}

TEST(ReceiptCode, FindsTheCodeInAStatusLookupUrl) {
  const auto parsed =
      parse_receipt_payload("https://dichvucong.example.gov.vn/tra-cuu?ma=H34.29.2-230520-0001");
  ASSERT_TRUE(parsed.ok()) << parsed.rejection().detail;
  EXPECT_EQ(parsed.value().code, "H34.29.2-230520-0001");

  const auto other_param = parse_receipt_payload(
      "HTTPS://DichVuCong.example.gov.vn:8443/tra-cuu?lang=vi&maHoSo=H34.29.2-230520-0007#top");
  ASSERT_TRUE(other_param.ok());
  EXPECT_EQ(other_param.value().sequence, 7);

  const auto in_path = parse_receipt_payload("http://dichvucong.example.gov.vn/ho-so/H34.29.2-230520-0003");
  ASSERT_TRUE(in_path.ok());
  EXPECT_EQ(in_path.value().sequence, 3);

  const auto encoded =
      parse_receipt_payload("https://dichvucong.example.gov.vn/tra-cuu?ma=H34%2E29%2E2-230520-0009");
  ASSERT_TRUE(encoded.ok());
  EXPECT_EQ(encoded.value().sequence, 9);
}

TEST(ReceiptCode, ChecksTheHostWhenConfigured) {
  const ReceiptParseOptions options{{"dichvucong.example.gov.vn"}};
  EXPECT_TRUE(
      parse_receipt_payload("https://DICHVUCONG.example.gov.vn/tra-cuu?ma=H34.29.2-230520-0001", options)
          .ok());
  EXPECT_EQ(rejection_of("https://evil.example.com/tra-cuu?ma=H34.29.2-230520-0001", options),
            ReceiptRejection::kForeignHost);
  EXPECT_EQ(
      rejection_of("https://dichvucong.example.gov.vn@evil.example.com/?ma=H34.29.2-230520-0001", options),
      ReceiptRejection::kForeignHost);
}

TEST(ReceiptCode, RejectsWhatIsNotADossierCode) {
  EXPECT_EQ(rejection_of(""), ReceiptRejection::kNotDossierCode);
  EXPECT_EQ(rejection_of("052090000495|215123456|Nguyễn Văn An|15031990|Nam|Quy Nhơn|10052021"),
            ReceiptRejection::kNotDossierCode);
  EXPECT_EQ(rejection_of("H34.29.2-230520"), ReceiptRejection::kNotDossierCode);
  EXPECT_EQ(rejection_of("H3.29.2-230520-0001"), ReceiptRejection::kNotDossierCode);
  EXPECT_EQ(rejection_of("H34..2-230520-0001"), ReceiptRejection::kNotDossierCode);
  EXPECT_EQ(rejection_of("H34.29.2-230520-01"), ReceiptRejection::kNotDossierCode);
  EXPECT_EQ(rejection_of("H34.29.2-23O520-0001"), ReceiptRejection::kNotDossierCode);
  EXPECT_EQ(rejection_of("H34.29.2-230520-0001-2"), ReceiptRejection::kNotDossierCode);
  EXPECT_EQ(rejection_of("H34.29.2-231320-0001"), ReceiptRejection::kBadDate);
  EXPECT_EQ(rejection_of("H34.29.2-230231-0001"), ReceiptRejection::kBadDate);
  EXPECT_EQ(rejection_of("https://dichvucong.example.gov.vn/tra-cuu?ma=abc"), ReceiptRejection::kNoCodeInUrl);
  EXPECT_EQ(rejection_of("https://dichvucong.example.gov.vn/tra-cuu?ma=%ZZ"), ReceiptRejection::kNoCodeInUrl);
  EXPECT_EQ(rejection_of("https:///tra-cuu?ma=H34.29.2-230520-0001"), ReceiptRejection::kNotDossierCode);
  EXPECT_EQ(rejection_of(std::string(3000, 'H')), ReceiptRejection::kTooLong);
}

TEST(ReceiptCode, LookupUrlRoundTrips) {
  const auto code = parse_receipt_payload("H34.29.2-230520-0001");
  ASSERT_TRUE(code.ok());
  const std::string url = receipt_lookup_url("https://dichvucong.example.gov.vn/tra-cuu", code.value());
  EXPECT_EQ(url, "https://dichvucong.example.gov.vn/tra-cuu?ma=H34.29.2-230520-0001");
  const auto back = parse_receipt_payload(url);
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back.value().code, code.value().code);
}

}  // namespace
}  // namespace kiosk::qr
