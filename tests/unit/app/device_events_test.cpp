#include "kiosk/app/device_events.hpp"

#include <gtest/gtest.h>

#include "drivers/card/card_error.hpp"

namespace kiosk::app {
namespace {

card::CitizenData chip_citizen() {
  using F = card::CitizenField;
  card::CitizenData data;
  data.fields[static_cast<int>(F::IdNumber)] = {"001090012345"};
  data.fields[static_cast<int>(F::FullName)] = {"Nguyễn Văn An"};
  data.fields[static_cast<int>(F::DateOfBirth)] = {"15/03/1990"};
  data.fields[static_cast<int>(F::Sex)] = {"Nam"};
  data.fields[static_cast<int>(F::PlaceOfResidence)] = {"Hà Nội"};
  data.fields[static_cast<int>(F::IssueDate)] = {"01/07/2021"};
  data.fields[static_cast<int>(F::ExpiryDate)] = {"Không thời hạn"};
  return data;
}

card::AuthenticationResult authentication(card::PassiveStatus passive, card::ChipCheck active,
                                          card::ChipCheck chip) {
  card::AuthenticationResult result;
  result.passive.status = passive;
  result.active = active;
  result.chip = chip;
  return result;
}

std::optional<DeviceEvent> finished(const card::AuthenticationResult& result) {
  return chip_event(card::AuthenticationFinished{result, {}});
}

TEST(DeviceEvents, MapsChipIdentityFromDg13) {
  const auto citizen = citizen_identity(chip_citizen());
  EXPECT_EQ(citizen.id_number, "001090012345");
  EXPECT_EQ(citizen.full_name, "Nguyễn Văn An");
  ASSERT_TRUE(citizen.date_of_birth);
  EXPECT_EQ(citizen.date_of_birth->iso(), "1990-03-15");
  ASSERT_TRUE(citizen.issue_date);
  EXPECT_EQ(citizen.issue_date->iso(), "2021-07-01");
  EXPECT_FALSE(citizen.expiry_date);  // "Không thời hạn"
  EXPECT_EQ(citizen.place_of_residence, "Hà Nội");
}

TEST(DeviceEvents, CardInsertionAndRemovalReachTheSession) {
  EXPECT_TRUE(std::holds_alternative<event::CardPresented>(*chip_event(card::CardInserted{"vpcd 0"})));
  EXPECT_TRUE(std::holds_alternative<event::CardRemoved>(*chip_event(card::CardRemoved{"vpcd 0"})));
}

TEST(DeviceEvents, IdentityIsMovedAndWiped) {
  auto event = chip_event(card::IdentityAvailable{{}, chip_citizen()});
  ASSERT_TRUE(event);
  EXPECT_EQ(std::get<event::ChipIdentityRead>(*event).citizen.id_number, "001090012345");
}

TEST(DeviceEvents, FaceBecomesRgba) {
  card::FaceImage face;
  face.width = 2;
  face.height = 1;
  face.rgb = {1, 2, 3, 4, 5, 6};
  const auto event = chip_event(card::FaceAvailable{face});
  ASSERT_TRUE(event);
  const auto& read = std::get<event::ChipFaceRead>(*event);
  EXPECT_EQ(read.width, 2);
  EXPECT_EQ(read.rgba, (std::vector<std::uint8_t>{1, 2, 3, 0xff, 4, 5, 6, 0xff}));
  EXPECT_FALSE(chip_event(card::FaceAvailable{card::FaceImage{}}));  // not decoded
}

TEST(DeviceEvents, VerificationLevels) {
  using card::ChipCheck;
  using card::PassiveStatus;
  const auto level = [](const std::optional<DeviceEvent>& event) {
    return std::get<event::ChipVerified>(*event).verification;
  };
  const auto failure = [](const std::optional<DeviceEvent>& event) {
    return std::get<event::ChipReadFailed>(*event).error.code;
  };
  EXPECT_EQ(level(finished(authentication(PassiveStatus::Valid, ChipCheck::Passed, ChipCheck::NotSupported))),
            ChipVerification::ChipGenuine);
  EXPECT_EQ(level(finished(authentication(PassiveStatus::Valid, ChipCheck::NotSupported, ChipCheck::Passed))),
            ChipVerification::ChipGenuine);
  EXPECT_EQ(
      level(finished(authentication(PassiveStatus::Valid, ChipCheck::NotSupported, ChipCheck::NotSupported))),
      ChipVerification::PassiveOnly);
  EXPECT_EQ(failure(finished(authentication(PassiveStatus::Valid, ChipCheck::Failed, ChipCheck::Passed))),
            ErrorCode::CardNotGenuine);
  EXPECT_EQ(
      failure(finished(authentication(PassiveStatus::HashMismatch, ChipCheck::Passed, ChipCheck::Passed))),
      ErrorCode::CardNotGenuine);
  EXPECT_EQ(
      failure(finished(authentication(PassiveStatus::DsUntrusted, ChipCheck::Passed, ChipCheck::Passed))),
      ErrorCode::CardUntrusted);
  EXPECT_EQ(
      failure(finished(authentication(PassiveStatus::NoTrustAnchor, ChipCheck::Passed, ChipCheck::Passed))),
      ErrorCode::CardUntrusted);
}

TEST(DeviceEvents, ReadFailuresKeepTheirMeaning) {
  const auto code = [](card::ErrorCode driver) {
    return std::get<event::ChipReadFailed>(*chip_event(card::ReadFailed{driver, false, "x"})).error.code;
  };
  EXPECT_EQ(code(card::ErrorCode::AccessDenied), ErrorCode::CardAccessDenied);
  EXPECT_EQ(code(card::ErrorCode::CardRemoved), ErrorCode::CardRemoved);
  EXPECT_EQ(code(card::ErrorCode::Cancelled), ErrorCode::Cancelled);
  EXPECT_EQ(code(card::ErrorCode::Transport), ErrorCode::CardUnreadable);
  EXPECT_EQ(code(card::ErrorCode::ChipAuthentication), ErrorCode::CardNotGenuine);
}

TEST(DeviceEvents, ChipKeyFromAccessInputs) {
  ChipAccessInputs access{"001090012345", CivilDate::from_ymd(1990, 3, 15), CivilDate::from_ymd(2030, 3, 15)};
  const auto key = chip_key(access);
  EXPECT_EQ(key.document_number, "090012345");
  EXPECT_EQ(key.date_of_birth, "900315");
  EXPECT_EQ(key.date_of_expiry, "300315");
  access.expiry.reset();
  EXPECT_EQ(chip_key(access).date_of_expiry, "<<<<<<");
  access.id_number = "12";
  EXPECT_THROW(chip_key(access), card::CardError);
}

TEST(DeviceEvents, CccdQrGivesIdentityAndChipAccess) {
  const auto event =
      qr_event("001090012345|123456789|Nguyễn Văn An|15031990|Nam|Số 1 Tràng Tiền, Hà Nội|01072021");
  ASSERT_TRUE(std::holds_alternative<event::QrIdentity>(event))
      << std::get<event::QrRejected>(event).error.detail;
  const auto& identity = std::get<event::QrIdentity>(event);
  EXPECT_EQ(identity.citizen.full_name, "Nguyễn Văn An");
  EXPECT_EQ(identity.access.id_number, "001090012345");
  EXPECT_EQ(identity.access.date_of_birth.iso(), "1990-03-15");
  ASSERT_TRUE(identity.access.expiry);  // renewed at 40
  EXPECT_EQ(identity.access.expiry->iso(), "2030-03-15");
}

// The QR of a pending receipt carries the outbox reference; the lookup
// screen reads it like a dossier code.
TEST(DeviceEvents, PendingReceiptQrIsLookedUp) {
  const auto event = qr_event("KO-7K3M9QXA");
  ASSERT_TRUE(std::holds_alternative<event::DossierCodeRead>(event));
  EXPECT_EQ(std::get<event::DossierCodeRead>(event).code, "KO-7K3M9QXA");
  EXPECT_TRUE(
      std::holds_alternative<event::QrRejected>(qr_event("KO-7K3M9QXU")));  // U is not in the alphabet
  EXPECT_TRUE(std::holds_alternative<event::QrRejected>(qr_event("KO-7K3M9QX")));
}

TEST(DeviceEvents, OtherQrCodesAreRejected) {
  EXPECT_EQ(std::get<event::QrRejected>(qr_event("https://example.vn")).error.code, ErrorCode::QrNotCccd);
  EXPECT_EQ(std::get<event::QrRejected>(qr_event("001090012345||Nguyễn Văn An|31021990|Nam|Hà Nội|01072021"))
                .error.code,
            ErrorCode::QrUnreadable);
}

}  // namespace
}  // namespace kiosk::app
