#include "tests/unit/core/session_fixture.hpp"

namespace kiosk {
namespace {

TEST_F(SessionTest, StartsOnAttractAndBeginsWithIdentification) {
  EXPECT_EQ(view().screen, Screen::Attract);
  const auto effects = act(intent::Begin{});
  EXPECT_EQ(view().screen, Screen::Identify);
  EXPECT_TRUE(has<effect::StartQrScan>(effects));
}

TEST_F(SessionTest, LanguageSwitchWorksOnEveryScreen) {
  act(intent::SetLanguage{Language::English});
  EXPECT_EQ(view().language, Language::English);
  act(intent::Begin{});
  act(intent::SetLanguage{Language::Vietnamese});
  EXPECT_EQ(view().language, Language::Vietnamese);
}

TEST_F(SessionTest, ChipReadNeedsAccessInputsBeforeReading) {
  act(intent::Begin{});
  auto effects = report(event::CardPresented{});
  EXPECT_FALSE(has<effect::ReadChip>(effects));
  act(intent::EnterChipAccess{});
  EXPECT_EQ(view().screen, Screen::ChipAccess);
  effects = act(intent::SubmitChipAccess{an_access()});
  EXPECT_TRUE(has<effect::ReadChip>(effects));
  EXPECT_EQ(view().screen, Screen::ReadingCard);
}

TEST_F(SessionTest, FullJourneyAttachesOneMatchAndLetsTheCitizenChooseAmongSeveral) {
  identify_by_chip();
  act(intent::OpenNewApplication{});
  act(intent::SearchProcedures{"khai sinh"});
  ASSERT_EQ(view().visible_procedures().size(), 1u);
  act(intent::PickProcedure{"1.001193.000.00.00.H34"});
  ASSERT_EQ(view().screen, Screen::Components);
  report(event::VaultItemChecked{"TK", SignatureVerdict::Valid});
  EXPECT_EQ(view().draft.components[0].vault_item_code, "TK");
  EXPECT_TRUE(view().draft.components[0].attached_automatically);
  EXPECT_FALSE(view().draft.components[1].filled());

  // Two matches: the citizen looks at one and takes it.
  act(intent::ChooseForComponent{"chung_sinh"});
  ASSERT_EQ(view().screen, Screen::ChooseItem);
  EXPECT_TRUE(has<effect::LoadDocument>(act(intent::PreviewVaultItem{"CS2"})));
  report(event::DocumentLoaded{"CS2", {'%', 'P', 'D', 'F'}, SignatureVerdict::Valid, "UBND"});
  act(intent::TakePreviewedItem{});
  EXPECT_EQ(view().screen, Screen::Components);
  EXPECT_EQ(view().draft.components[1].vault_item_code, "CS2");

  // Nothing in the vault: scan it. A component with matches cannot be scanned.
  EXPECT_FALSE(has<effect::StartScan>(act(intent::ScanForComponent{"chung_sinh"})));
  EXPECT_TRUE(has<effect::StartScan>(act(intent::ScanForComponent{"ket_hon"})));
  report(event::ComponentScanned{"ket_hon", {1, 2, 3}, 1});
  act(intent::ConfirmScan{});
  // Two cases: the citizen's choice, refused until made; its working days
  // give the expected appointment (Monday + 3 working days).
  act(intent::ComponentsDone{});
  ASSERT_TRUE(view().error);
  EXPECT_EQ(view().screen, Screen::Components);
  act(intent::ChooseCase{"c2"});
  EXPECT_EQ(view().draft.case_id, "c2");
  EXPECT_EQ(view().draft.agency_id, "ubnd_nhon_phu");
  EXPECT_EQ(view().expected_appointment, CivilDate::from_ymd(2026, 11, 26));
  act(intent::ComponentsDone{});
  ASSERT_EQ(view().screen, Screen::ApplicantDetails);
  act(intent::ApplicantDone{an()});
  // A phone number for notices with no channel ticked means SMS: the API
  // refuses a contact without a channel.
  act(intent::DeliveryDone{ResultDelivery::AtOffice, "", {true, "0905123456", "", false, false}});
  ASSERT_EQ(view().screen, Screen::Review);
  EXPECT_TRUE(view().draft.contact.sms);
  EXPECT_FALSE(view().draft.contact.zalo);
  const auto effects = act(intent::Submit{});
  ASSERT_TRUE(has<effect::SubmitApplication>(effects));
  EXPECT_EQ(view().screen, Screen::Submitting);

  SubmissionReceipt receipt;
  receipt.dossier_code = "H34.29.2-261123-0001";
  EXPECT_TRUE(has<effect::PrintReceipt>(report(event::SubmissionDone{receipt})));
  EXPECT_EQ(view().screen, Screen::Receipt);
  act(intent::Next{});
  EXPECT_EQ(view().screen, Screen::Rating);
  const auto rated = act(intent::Rate{5});
  EXPECT_TRUE(has<effect::WipeSession>(rated));
  // The rating goes to the provincial API with the dossier it is about.
  const auto sent = std::find_if(rated.begin(), rated.end(), [](const Effect& e) {
    return std::holds_alternative<effect::SendRating>(e);
  });
  ASSERT_NE(sent, rated.end());
  EXPECT_EQ(std::get<effect::SendRating>(*sent).stars, 5);
  EXPECT_EQ(std::get<effect::SendRating>(*sent).dossier_code, "H34.29.2-261123-0001");
  EXPECT_EQ(view().screen, Screen::SessionEnded);
  EXPECT_TRUE(view().identity.citizen.full_name.empty());
  EXPECT_TRUE(view().draft.components.empty());
}

TEST_F(SessionTest, UnverifiedDocumentCannotBeTaken) {
  identify_by_chip();
  act(intent::OpenNewApplication{});
  act(intent::PickProcedure{"1.001193.000.00.00.H34"});
  act(intent::ChooseForComponent{"chung_sinh"});
  act(intent::PreviewVaultItem{"CS1"});
  report(event::DocumentLoaded{"CS1", {1}, SignatureVerdict::Unsigned, ""});
  act(intent::TakePreviewedItem{});
  EXPECT_EQ(view().screen, Screen::DocumentPreview);
  ASSERT_TRUE(view().error);
  EXPECT_EQ(view().error->code, ErrorCode::DocumentSignatureInvalid);
}

TEST_F(SessionTest, QrAloneDoesNotOpenTheVaultUntilStaffConfirms) {
  act(intent::Begin{});
  report(event::QrIdentity{an(), an_access()});
  EXPECT_FALSE(view().identity.may_open_vault());
  act(intent::CallStaff{});
  ASSERT_EQ(view().screen, Screen::StaffLogin);
  act(intent::StaffSignIn{"cb01", "1234"});
  report(event::StaffAuthenticated{"Cán bộ Một cửa"});
  ASSERT_EQ(view().screen, Screen::AwaitStaff);
  act(intent::StaffConfirmIdentity{});
  EXPECT_EQ(view().screen, Screen::Consent);
  EXPECT_TRUE(view().identity.may_open_vault());
}

TEST_F(SessionTest, VaultEventsAreIgnoredWithoutAStrongIdentity) {
  act(intent::Begin{});
  report(event::QrIdentity{an(), an_access()});
  report(event::VaultLoaded{{vault_item("X", "G01")}});
  EXPECT_TRUE(view().vault.empty());
}

TEST_F(SessionTest, IdleWarningCountsDownThenWipes) {
  identify_by_chip();
  now += 59s;
  session.tick(now);
  EXPECT_FALSE(view().idle_seconds_left);
  now += 2s;
  session.tick(now);
  ASSERT_TRUE(view().idle_seconds_left);
  EXPECT_EQ(*view().idle_seconds_left, 19);
  now += 19s;
  const auto effects = session.tick(now);
  EXPECT_TRUE(has<effect::WipeSession>(effects));
  EXPECT_EQ(view().screen, Screen::SessionEnded);
  EXPECT_EQ(view().ended, EndReason::Idle);
  EXPECT_TRUE(view().vault.empty());
  now += 8s;
  session.tick(now);
  EXPECT_EQ(view().screen, Screen::Attract);
}

TEST_F(SessionTest, StillHereCancelsTheIdleWarning) {
  identify_by_chip();
  now += 65s;
  session.tick(now);
  ASSERT_TRUE(view().idle_seconds_left);
  act(intent::StillHere{});
  EXPECT_FALSE(view().idle_seconds_left);
  now += 30s;
  EXPECT_FALSE(has<effect::WipeSession>(session.tick(now)));
}

TEST_F(SessionTest, CardRemovedMidReadReturnsToIdentifyWithItsOwnError) {
  act(intent::Begin{});
  report(event::QrIdentity{an(), an_access()});
  report(event::CardPresented{});
  report(event::ChipIdentityRead{an()});
  const auto effects = report(event::CardRemoved{});
  EXPECT_TRUE(has<effect::CancelChipRead>(effects));
  EXPECT_EQ(view().screen, Screen::Identify);
  ASSERT_TRUE(view().error);
  EXPECT_EQ(view().error->code, ErrorCode::CardRemoved);
  EXPECT_TRUE(view().identity.citizen.full_name.empty());
}

// The QR still in front of the camera is read again at once; the person must
// still be told why the read stopped, until the card is back and read again.
TEST_F(SessionTest, CardRemovedErrorStaysWhenTheQrIsReadAgain) {
  act(intent::Begin{});
  report(event::QrIdentity{an(), an_access()});
  report(event::CardPresented{});
  report(event::CardRemoved{});
  report(event::QrIdentity{an(), an_access()});
  EXPECT_EQ(view().screen, Screen::Identify);
  ASSERT_TRUE(view().error);
  EXPECT_EQ(view().error->code, ErrorCode::CardRemoved);
  const auto effects = report(event::CardPresented{});
  EXPECT_TRUE(has<effect::ReadChip>(effects));
  EXPECT_EQ(view().screen, Screen::ReadingCard);
  EXPECT_FALSE(view().error);
}

TEST_F(SessionTest, ABetterQrClearsAnUnreadableQrError) {
  act(intent::Begin{});
  report(event::QrRejected{{ErrorCode::QrUnreadable, "damaged"}});
  ASSERT_TRUE(view().error);
  report(event::QrIdentity{an(), an_access()});
  EXPECT_FALSE(view().error);
}

TEST_F(SessionTest, CardRemovedMidSessionAsksBeforeWiping) {
  identify_by_chip();
  report(event::CardRemoved{});
  EXPECT_TRUE(view().card_removed_prompt);
  EXPECT_EQ(view().screen, Screen::Home);
  now += 21s;
  EXPECT_TRUE(has<effect::WipeSession>(session.tick(now)));
  EXPECT_EQ(view().ended, EndReason::CardRemoved);
}

TEST_F(SessionTest, CardOnTheReaderStartsASessionThatIdleCountsFromThen) {
  // Nobody touched the kiosk for long before the card was placed (or it was
  // on the reader at start-up): the session it starts is not idle already.
  report(event::CardPresented{});
  EXPECT_EQ(view().screen, Screen::Identify);
  EXPECT_FALSE(has<effect::WipeSession>(session.tick(now)));
  EXPECT_EQ(view().screen, Screen::Identify);
  EXPECT_FALSE(view().idle_seconds_left);
  now += 61s;
  session.tick(now);
  EXPECT_TRUE(view().idle_seconds_left);
}

TEST_F(SessionTest, QrThatStartsASessionCountsAsTheFirstAction) {
  report(event::QrIdentity{an(), an_access()});
  EXPECT_EQ(view().screen, Screen::Identify);
  EXPECT_FALSE(has<effect::WipeSession>(session.tick(now)));
  EXPECT_EQ(view().screen, Screen::Identify);
}

TEST_F(SessionTest, ChipOfAnotherPersonThanTheQrIsRejected) {
  act(intent::Begin{});
  report(event::QrIdentity{an(), an_access()});
  report(event::CardPresented{});
  auto other = an();
  other.id_number = "079203004567";
  report(event::ChipIdentityRead{other});
  report(event::ChipVerified{ChipVerification::ChipGenuine});
  EXPECT_EQ(view().screen, Screen::Identify);
  ASSERT_TRUE(view().error);
  EXPECT_EQ(view().error->code, ErrorCode::CardAccessDenied);
}

TEST_F(SessionTest, DecliningConsentEndsAndWipes) {
  act(intent::Begin{});
  report(event::QrIdentity{an(), an_access()});
  report(event::CardPresented{});
  report(event::ChipIdentityRead{an()});
  report(event::ChipVerified{ChipVerification::PassiveOnly});
  EXPECT_TRUE(has<effect::WipeSession>(act(intent::DeclineConsent{})));
  EXPECT_EQ(view().ended, EndReason::ConsentDeclined);
  EXPECT_TRUE(view().identity.citizen.id_number.empty());
}

TEST_F(SessionTest, EndedScreenReturnsToAttractAfterAFinishedOrEndedSession) {
  identify_by_chip();
  act(intent::End{});
  ASSERT_EQ(view().screen, Screen::SessionEnded);
  ASSERT_TRUE(session.next_deadline());
  EXPECT_EQ(*session.next_deadline(), now + 8s);
  now += 8s;
  session.tick(now);
  EXPECT_EQ(view().screen, Screen::Attract);
}

TEST_F(SessionTest, RetriableFailureCanBeRetried) {
  act(intent::OpenLookup{});
  ASSERT_EQ(view().screen, Screen::Lookup);
  act(intent::LookupStatus{"H34.29.2-230520-0001"});
  report(event::OperationFailed{{ErrorCode::NetworkDown, "connect refused"}});
  ASSERT_TRUE(view().error);
  EXPECT_TRUE(has<effect::LookupStatus>(act(intent::Retry{})));
}

TEST_F(SessionTest, NextDeadlineWakesTheLoopForTheIdleWarning) {
  EXPECT_FALSE(session.next_deadline());
  identify_by_chip();
  ASSERT_TRUE(session.next_deadline());
  EXPECT_EQ(*session.next_deadline(), now + 60s);
}

TEST_F(SessionTest, OutboxCountsStayForStaffAcrossSessionsWithoutTouchingIdleTime) {
  identify_by_chip();
  const auto idle_before = view().idle_seconds_left;
  report(event::OutboxChanged{2, 1});
  EXPECT_EQ(view().outbox_pending, 2);
  EXPECT_EQ(view().outbox_held, 1);
  EXPECT_EQ(view().idle_seconds_left, idle_before);
  act(intent::End{});
  EXPECT_EQ(view().outbox_pending, 2);
  EXPECT_EQ(view().outbox_held, 1);
  report(event::OutboxChanged{0, 1});
  EXPECT_EQ(view().outbox_pending, 0);
}

}  // namespace
}  // namespace kiosk
