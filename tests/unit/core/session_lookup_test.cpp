// Status lookup (rule 7): by code, 12-digit CCCD or 9-digit CMND number, with
// names and details only for the owner identified at this kiosk.
#include "tests/unit/core/session_fixture.hpp"

namespace kiosk {
namespace {

DossierStatus an_dossier() {
  DossierStatus s;
  s.dossier_code = "H34.29.2-261123-0001";
  s.procedure_name = "Đăng ký khai sinh";
  s.owner_id = "052090000495";
  s.owner_name = "Nguyễn Văn An";
  s.received = CivilDate::from_ymd(2026, 11, 23);
  s.appointment = CivilDate::from_ymd(2026, 11, 26);
  s.status = "Đã tiếp nhận";
  return s;
}

class SessionLookupTest : public SessionTest {
 protected:
  void look_up(const std::string& query) {
    const auto effects = act(intent::LookupStatus{query});
    ASSERT_TRUE(has<effect::LookupStatus>(effects)) << query;
    report(event::StatusFound{{an_dossier()}});
    ASSERT_EQ(view().screen, Screen::LookupResult);
  }
};

TEST_F(SessionLookupTest, AnyoneGetsOnlyTheCodeStatusAndAppointment) {
  act(intent::OpenLookup{});
  ASSERT_NO_FATAL_FAILURE(look_up("052090000495"));
  const auto& shown = view().lookup_results.at(0);
  EXPECT_EQ(shown.dossier_code, "H34.29.2-261123-0001");
  EXPECT_EQ(shown.status, "Đã tiếp nhận");
  EXPECT_EQ(shown.appointment, CivilDate::from_ymd(2026, 11, 26));
  EXPECT_TRUE(shown.owner_name.empty());
  EXPECT_TRUE(shown.procedure_name.empty());
  EXPECT_TRUE(shown.owner_id.empty());
  EXPECT_FALSE(shown.received);
}

TEST_F(SessionLookupTest, TheOwnerIdentifiedByChipSeesTheDetails) {
  identify_by_chip();
  act(intent::OpenLookup{});
  ASSERT_NO_FATAL_FAILURE(look_up("H34.29.2-261123-0001"));
  EXPECT_EQ(view().lookup_results.at(0).owner_name, "Nguyễn Văn An");
  EXPECT_EQ(view().lookup_results.at(0).procedure_name, "Đăng ký khai sinh");
}

TEST_F(SessionLookupTest, AnIdentifiedPersonDoesNotSeeAnotherOwnersDetails) {
  identify_by_chip();
  act(intent::OpenLookup{});
  act(intent::LookupStatus{"079203004567"});
  auto other = an_dossier();
  other.owner_id = "079203004567";
  report(event::StatusFound{{other}});
  EXPECT_TRUE(view().lookup_results.at(0).owner_name.empty());
}

TEST_F(SessionLookupTest, AcceptsTheNineDigitCmndAndRefusesOtherNumbers) {
  act(intent::OpenLookup{});
  EXPECT_TRUE(has<effect::LookupStatus>(act(intent::LookupStatus{"215123456"})));
  report(event::StatusFound{{}});
  act(intent::Back{});
  ASSERT_EQ(view().screen, Screen::Lookup);
  EXPECT_FALSE(has<effect::LookupStatus>(act(intent::LookupStatus{"1234567"})));
  ASSERT_TRUE(view().error);
  EXPECT_EQ(view().error->code, ErrorCode::InvalidInput);
}

// A pending receipt's reference, typed or read from its QR, is looked up
// like a dossier code; what comes back keeps the reference.
TEST_F(SessionLookupTest, PendingReceiptReferenceIsLookedUp) {
  act(intent::OpenLookup{});
  const auto effects = report(event::DossierCodeRead{"KO-7K3M9QXA"});
  ASSERT_TRUE(has<effect::LookupStatus>(effects));
  DossierStatus waiting;
  waiting.local_reference = "KO-7K3M9QXA";
  report(event::StatusFound{{waiting}});
  ASSERT_EQ(view().screen, Screen::LookupResult);
  EXPECT_EQ(view().lookup_results.at(0).local_reference, "KO-7K3M9QXA");
  EXPECT_TRUE(view().lookup_results.at(0).dossier_code.empty());
}

}  // namespace
}  // namespace kiosk
