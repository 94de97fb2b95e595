// Reusing vault items in an application: the automatic match is checked like
// a chosen one, and a wrong or unusable item never strands the citizen.
#include "tests/unit/core/session_fixture.hpp"

namespace kiosk {
namespace {

class SessionReuseTest : public SessionTest {
 protected:
  // Birth registration: TK is the only declaration form (automatic), CS1 and
  // CS2 are two birth notices to choose from, nothing matches ket_hon.
  void pick_birth() {
    identify_by_chip();
    act(intent::OpenNewApplication{});
    const auto effects = act(intent::PickProcedure{"1.001193.000.00.00.H34"});
    ASSERT_EQ(view().screen, Screen::Components);
    verify_asked = has<effect::VerifyVaultItem>(effects);
  }

  const ComponentFill& fill(const std::string& id) {
    const auto& fills = view().draft.components;
    return *std::find_if(fills.begin(), fills.end(),
                         [&](const ComponentFill& f) { return f.component_id == id; });
  }

  void report_wrong(VaultFeedbackReason reason) {
    act(intent::ReportPreviewedItem{});
    ASSERT_EQ(view().screen, Screen::ReportItem);
    ASSERT_TRUE(has<effect::SendFeedback>(act(intent::SendReport{reason})));
    report(event::FeedbackSent{});
  }

  bool verify_asked = false;
};

TEST_F(SessionReuseTest, AutomaticMatchIsAttachedOnlyOnceItsSignatureVerifies) {
  ASSERT_NO_FATAL_FAILURE(pick_birth());
  EXPECT_TRUE(verify_asked);
  EXPECT_FALSE(fill("to_khai").filled());
  EXPECT_EQ(view().plan_for("to_khai")->verifying, "TK");
  EXPECT_FALSE(view().draft.complete(view().plans));
  report(event::VaultItemChecked{"TK", SignatureVerdict::Valid});
  EXPECT_EQ(fill("to_khai").vault_item_code, "TK");
  EXPECT_TRUE(fill("to_khai").attached_automatically);
  EXPECT_TRUE(view().plan_for("to_khai")->verifying.empty());
}

TEST_F(SessionReuseTest, UnsignedAutomaticMatchIsNotAttachedAndTheCitizenMayScan) {
  ASSERT_NO_FATAL_FAILURE(pick_birth());
  const auto effects = report(event::VaultItemChecked{"TK", SignatureVerdict::Unsigned});
  EXPECT_TRUE(has<effect::Audit>(effects));
  EXPECT_FALSE(fill("to_khai").filled());
  const auto* plan = view().plan_for("to_khai");
  EXPECT_EQ(plan->decision, ReuseDecision::Scan);
  ASSERT_EQ(plan->set_aside.size(), 1u);
  EXPECT_EQ(plan->set_aside[0].reason, SetAsideReason::Unsigned);
  EXPECT_TRUE(has<effect::StartScan>(act(intent::ScanForComponent{"to_khai"})));
}

TEST_F(SessionReuseTest, AutomaticallyAttachedItemCanBeOpenedFromTheComponents) {
  ASSERT_NO_FATAL_FAILURE(pick_birth());
  report(event::VaultItemChecked{"TK", SignatureVerdict::Valid});
  EXPECT_TRUE(has<effect::LoadDocument>(act(intent::PreviewVaultItem{"TK"})));
  EXPECT_EQ(view().screen, Screen::DocumentPreview);
  EXPECT_EQ(view().preview.for_component, "to_khai");
}

// Reporting the attached only match: it leaves the application, the report
// shows as sent, and the paper can be scanned instead.
TEST_F(SessionReuseTest, ReportingTheAttachedOnlyMatchFreesTheComponentForAScan) {
  ASSERT_NO_FATAL_FAILURE(pick_birth());
  report(event::VaultItemChecked{"TK", SignatureVerdict::Valid});
  act(intent::PreviewVaultItem{"TK"});
  report(event::DocumentLoaded{"TK", {'%'}, SignatureVerdict::Valid, "UBND"});
  ASSERT_NO_FATAL_FAILURE(report_wrong(VaultFeedbackReason::NotMyResult));
  EXPECT_EQ(view().screen, Screen::Components);
  EXPECT_TRUE(view().reported("TK"));
  EXPECT_FALSE(fill("to_khai").filled());
  EXPECT_EQ(view().plan_for("to_khai")->set_aside.at(0).reason, SetAsideReason::ReportedWrong);
  EXPECT_TRUE(has<effect::StartScan>(act(intent::ScanForComponent{"to_khai"})));
}

// Reporting one of two matches while choosing: the other becomes the only
// match and is checked and attached; the citizen is back on the list.
TEST_F(SessionReuseTest, ReportingOneOfTwoMatchesLeavesTheOtherAsTheOnlyMatch) {
  ASSERT_NO_FATAL_FAILURE(pick_birth());
  act(intent::ChooseForComponent{"chung_sinh"});
  act(intent::PreviewVaultItem{"CS1"});
  report(event::DocumentLoaded{"CS1", {'%'}, SignatureVerdict::Valid, "UBND"});
  act(intent::ReportPreviewedItem{});
  const auto effects = act(intent::SendReport{VaultFeedbackReason::WrongCitizenInformation});
  ASSERT_TRUE(has<effect::SendFeedback>(effects));
  EXPECT_EQ(view().screen, Screen::ReportItem);
  EXPECT_TRUE(view().busy);
  EXPECT_FALSE(view().reported("CS1"));  // not "sent" before the agency has it
  report(event::FeedbackSent{});
  EXPECT_EQ(view().screen, Screen::Components);
  EXPECT_EQ(view().plan_for("chung_sinh")->verifying, "CS2");
  report(event::VaultItemChecked{"CS2", SignatureVerdict::Valid});
  EXPECT_EQ(fill("chung_sinh").vault_item_code, "CS2");
}

TEST_F(SessionReuseTest, APreviewedMatchThatDoesNotVerifyIsSetAside) {
  ASSERT_NO_FATAL_FAILURE(pick_birth());
  act(intent::ChooseForComponent{"chung_sinh"});
  act(intent::PreviewVaultItem{"CS1"});
  report(event::DocumentLoaded{"CS1", {'%'}, SignatureVerdict::Invalid, ""});
  act(intent::TakePreviewedItem{});
  ASSERT_TRUE(view().error);
  EXPECT_EQ(view().plan_for("chung_sinh")->candidates.size(), 1u);
  EXPECT_EQ(view().plan_for("chung_sinh")->set_aside.at(0).reason, SetAsideReason::SignatureInvalid);
}

TEST_F(SessionReuseTest, SignedInStaffCanRuleOutAMatch) {
  ASSERT_NO_FATAL_FAILURE(pick_birth());
  report(event::VaultItemChecked{"TK", SignatureVerdict::Valid});
  act(intent::RuleOutMatch{"to_khai"});
  EXPECT_TRUE(fill("to_khai").filled()) << "a citizen alone cannot rule out a match";
  act(intent::CallStaff{});
  act(intent::StaffSignIn{"cb01", "1234"});
  report(event::StaffAuthenticated{"Cán bộ Một cửa"});
  ASSERT_EQ(view().screen, Screen::Components);
  const auto effects = act(intent::RuleOutMatch{"to_khai"});
  EXPECT_TRUE(has<effect::Audit>(effects));
  EXPECT_FALSE(fill("to_khai").filled());
  EXPECT_EQ(view().plan_for("to_khai")->set_aside.at(0).reason, SetAsideReason::StaffOverride);
  EXPECT_TRUE(has<effect::StartScan>(act(intent::ScanForComponent{"to_khai"})));
}

TEST_F(SessionReuseTest, ReportFromTheVaultShowsAsSent) {
  identify_by_chip();
  act(intent::OpenVault{});
  act(intent::PreviewVaultItem{"CS1"});
  report(event::DocumentLoaded{"CS1", {'%'}, SignatureVerdict::Valid, "UBND"});
  ASSERT_NO_FATAL_FAILURE(report_wrong(VaultFeedbackReason::NotSignedByCipherCommittee));
  EXPECT_EQ(view().screen, Screen::Vault);
  EXPECT_TRUE(view().reported("CS1"));
}

// Seed 002's vault search: name, code, decision number, summary and owner,
// typed with or without diacritics.
TEST(VaultSearch, MatchesEveryFieldTheSeedsName) {
  SessionView view;
  view.identity.citizen = an();
  VaultItem birth_cert = vault_item("052090000495.KQ.G02.000144.CS10387", "G02");
  birth_cert.name = "Giấy khai sinh";
  birth_cert.decision_number = "144/TLKS-BS";
  birth_cert.summary = "Trích lục khai sinh bản sao";
  birth_cert.issuing_agency = "UBND phường Hải Châu I";
  VaultItem licence = vault_item("052090000495.KQ.G08.000031.16032021", "G08");
  licence.name = "Giấy phép lái xe";
  licence.decision_number = "QĐ-0315/GPLX";
  licence.summary = "Hạng A1";
  licence.owner_id = "079203004567";
  view.vault = {birth_cert, licence};
  const auto found = [&](const std::string& query) {
    view.vault_query = query;
    std::vector<std::string> codes;
    for (const auto* item : view.visible_vault()) {
      codes.push_back(item->code.substr(20, 6));
    }
    return codes;
  };
  const std::vector<std::string> birth{"000144"};
  const std::vector<std::string> driving{"000031"};
  const std::vector<std::string> both{"000144", "000031"};
  EXPECT_EQ(found(""), both);
  EXPECT_EQ(found("khai sinh"), birth);            // name, without diacritics
  EXPECT_EQ(found("Giấy phép"), driving);          // name, with diacritics
  EXPECT_EQ(found("052090000495.KQ.G02"), birth);  // code, as printed
  EXPECT_EQ(found("144/tlks"), birth);             // decision number
  EXPECT_EQ(found("qđ-0315"), driving);
  EXPECT_EQ(found("hang a1"), driving);  // summary
  EXPECT_EQ(found("trich luc"), birth);
  EXPECT_EQ(found("079203004567"), driving);  // owner ID
  EXPECT_EQ(found("nguyen van an"), birth);   // owner name, for the owner's own items
  EXPECT_EQ(found("hai chau"), birth);        // issuing agency
  EXPECT_TRUE(found("ket hon").empty());
}

}  // namespace
}  // namespace kiosk
