// The receipt QR read on the Lookup screen: from the camera's text (qr_event)
// through the Session to the lookup effect, and every code that is not a
// receipt turned into a plain message instead.
#include <gtest/gtest.h>

#include <algorithm>

#include "kiosk/app/device_events.hpp"
#include "kiosk/core/session.hpp"

namespace kiosk {
namespace {

using namespace std::chrono_literals;

constexpr const char* kCardQr =
    "052090000495|215498765|Nguyễn Văn An|15031990|Nam|Số 12 Trần Hưng Đạo, Quy Nhơn, Bình Định|01052021";

std::vector<effect::LookupStatus> lookups(const std::vector<Effect>& effects) {
  std::vector<effect::LookupStatus> out;
  for (const auto& e : effects) {
    if (const auto* lookup = std::get_if<effect::LookupStatus>(&e)) {
      out.push_back(*lookup);
    }
  }
  return out;
}

class LookupByQr : public ::testing::Test {
 protected:
  Session session{IdlePolicy{60s, 20s, 8s}, [] { return CivilDate::from_ymd(2026, 11, 23); }};
  Session::Clock::time_point now = Session::Clock::time_point{} + 1000s;

  void SetUp() override {
    session.handle(intent::OpenLookup{}, now);
    ASSERT_EQ(session.view().screen, Screen::Lookup);
  }
  std::vector<Effect> camera_reads(const std::string& payload) {
    return session.handle(app::qr_event(payload), now);
  }
};

TEST_F(LookupByQr, BareDossierCodeLooksTheDossierUp) {
  const auto effects = camera_reads("H34.29.2-230520-0001");
  const auto found = lookups(effects);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found.front().query, "H34.29.2-230520-0001");
  EXPECT_EQ(session.view().lookup_query, "H34.29.2-230520-0001");
  EXPECT_TRUE(session.view().busy);
  EXPECT_FALSE(session.view().error);
}

TEST_F(LookupByQr, StatusUrlOfTheReceiptLooksTheDossierUp) {
  const auto found =
      lookups(camera_reads("https://dichvucong.example.gov.vn/tra-cuu?ma=h34.29.2-230520-0002"));
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found.front().query, "H34.29.2-230520-0002");
}

TEST_F(LookupByQr, TheSameCodeWhileTheLookupRunsStartsNoSecondOne) {
  ASSERT_EQ(lookups(camera_reads("H34.29.2-230520-0001")).size(), 1u);
  EXPECT_TRUE(lookups(camera_reads("H34.29.2-230520-0001")).empty());
  session.handle(event::StatusFound{}, now);
  EXPECT_EQ(session.view().screen, Screen::LookupResult);
}

TEST_F(LookupByQr, CardQrGivesAPlainMessageAndNoLookup) {
  ASSERT_TRUE(std::holds_alternative<event::QrIdentity>(app::qr_event(kCardQr)));
  const auto effects = camera_reads(kCardQr);
  EXPECT_TRUE(lookups(effects).empty());
  ASSERT_TRUE(session.view().error);
  EXPECT_EQ(session.view().error->code, ErrorCode::QrNotReceipt);
  EXPECT_EQ(session.view().screen, Screen::Lookup);
  EXPECT_TRUE(session.view().identity.citizen.id_number.empty()) << "a lookup never identifies anyone";
}

TEST_F(LookupByQr, ForeignCodesGiveAPlainMessageAndNoLookup) {
  for (const char* payload :
       {"https://example.vn/khuyen-mai", "WIFI:S:cafe;T:WPA;P:12345678;;", "", "\xff\xfe"}) {
    const auto effects = camera_reads(payload);
    EXPECT_TRUE(lookups(effects).empty()) << payload;
    ASSERT_TRUE(session.view().error) << payload;
    EXPECT_TRUE(session.view().error->code == ErrorCode::QrNotReceipt ||
                session.view().error->code == ErrorCode::QrUnreadable)
        << payload;
    session.handle(intent::DismissError{}, now);
  }
}

TEST_F(LookupByQr, ReceiptShownToTheIdentifyScreenIsNotACard) {
  session.handle(intent::Back{}, now);
  session.handle(intent::Begin{}, now);
  ASSERT_EQ(session.view().screen, Screen::Identify);
  const auto effects = camera_reads("H34.29.2-230520-0001");
  EXPECT_TRUE(lookups(effects).empty());
  ASSERT_TRUE(session.view().error);
  EXPECT_EQ(session.view().error->code, ErrorCode::QrNotCccd);
}

TEST_F(LookupByQr, WipeForgetsTheCodeRead) {
  camera_reads("H34.29.2-230520-0001");
  session.handle(intent::End{}, now);
  EXPECT_TRUE(session.view().lookup_query.empty());
}

}  // namespace
}  // namespace kiosk
