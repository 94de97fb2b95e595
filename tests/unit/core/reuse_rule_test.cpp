#include "kiosk/core/reuse_rule.hpp"

#include "kiosk/core/application.hpp"

#include <gtest/gtest.h>

namespace kiosk {
namespace {

const CivilDate kToday = CivilDate::from_ymd(2026, 11, 23);

VaultItem item(std::string code, std::string catalog, CivilDate issued, std::optional<CivilDate> until = {},
               std::uint32_t used = 0) {
  VaultItem v;
  v.code = std::move(code);
  v.catalog_code = std::move(catalog);
  v.issue_date = issued;
  v.valid_until = until;
  v.times_used = used;
  return v;
}

Procedure marriage() {
  Procedure p;
  p.code = "1.000894.000.00.00.H34";
  p.components = {
      {"to_khai", "Tờ khai", 1, PaperForm::Original, false, {"TK01"}},
      {"hon_nhan", "Giấy xác nhận tình trạng hôn nhân", 1, PaperForm::Original, false, {"G05"}},
      {"cccd", "Căn cước", 1, PaperForm::Copy, false, {"G01", "G15"}},
      {"uy_quyen", "Văn bản ủy quyền", 1, PaperForm::Original, true, {"G20"}},
  };
  return p;
}

TEST(ReuseRule, NoMatchMeansScan) {
  const auto plans = plan_components(marriage(), {}, kToday);
  ASSERT_EQ(plans.size(), 4u);
  for (const auto& plan : plans) {
    EXPECT_EQ(plan.decision, ReuseDecision::Scan);
    EXPECT_TRUE(plan.candidates.empty());
  }
}

TEST(ReuseRule, OneValidMatchIsAttachedAutomatically) {
  const auto plans =
      plan_components(marriage(), {item("A", "G05", CivilDate::from_ymd(2026, 10, 1), kToday)}, kToday);
  EXPECT_EQ(plans[1].decision, ReuseDecision::AttachAutomatically);
  ASSERT_EQ(plans[1].candidates.size(), 1u);
  EXPECT_EQ(plans[1].candidates[0].code, "A");
}

TEST(ReuseRule, ExpiredAndRevokedItemsAreNeverOffered) {
  auto revoked = item("R", "G05", CivilDate::from_ymd(2026, 1, 1));
  revoked.revoked = true;
  auto not_yet = item("F", "G05", CivilDate::from_ymd(2026, 1, 1));
  not_yet.valid_from = CivilDate::from_ymd(2026, 12, 1);
  const auto plans =
      plan_components(marriage(),
                      {item("E", "G05", CivilDate::from_ymd(2026, 1, 1), CivilDate::from_ymd(2026, 11, 22)),
                       revoked, not_yet},
                      kToday);
  EXPECT_EQ(plans[1].decision, ReuseDecision::Scan);
}

// The provincial system's verdict decides over the kiosk's date arithmetic,
// including a status this kiosk does not know.
TEST(ReuseRule, ServerVerdictWinsOverTheDates) {
  auto expired_by_server = item("S", "G05", CivilDate::from_ymd(2026, 1, 1));
  expired_by_server.status = "expired";
  auto unknown = item("U", "G05", CivilDate::from_ymd(2026, 1, 1));
  unknown.status = "suspended";
  auto plans = plan_components(marriage(), {expired_by_server, unknown}, kToday);
  EXPECT_EQ(plans[1].decision, ReuseDecision::Scan);
  EXPECT_TRUE(plans[1].candidates.empty());

  auto valid_by_server = item("V", "G05", CivilDate::from_ymd(2026, 1, 1), CivilDate::from_ymd(2026, 11, 22));
  valid_by_server.status = "valid";
  plans = plan_components(marriage(), {valid_by_server}, kToday);
  EXPECT_EQ(plans[1].decision, ReuseDecision::AttachAutomatically);
}

// A match set aside (bad signature, reported, ruled out by staff) leaves the
// plan; what remains is decided again.
TEST(ReuseRule, SettingAsideAMatchDecidesTheComponentAgain) {
  auto plans = plan_components(
      marriage(),
      {item("A", "G15", CivilDate::from_ymd(2024, 1, 1)), item("B", "G01", CivilDate::from_ymd(2023, 1, 1)),
       item("H", "G05", CivilDate::from_ymd(2026, 1, 1))},
      kToday);
  ASSERT_EQ(plans[2].decision, ReuseDecision::CitizenChooses);
  EXPECT_EQ(set_aside(plans, "A", SetAsideReason::ReportedWrong), std::vector<std::string>{"cccd"});
  EXPECT_EQ(plans[2].decision, ReuseDecision::AttachAutomatically);
  ASSERT_EQ(plans[2].set_aside.size(), 1u);
  EXPECT_EQ(plans[2].set_aside[0].reason, SetAsideReason::ReportedWrong);
  set_aside(plans, "H", SetAsideReason::Unsigned);
  EXPECT_EQ(plans[1].decision, ReuseDecision::Scan);
  EXPECT_TRUE(set_aside(plans, "nothing", SetAsideReason::StaffOverride).empty());
}

TEST(ReuseRule, SeveralMatchesAreSortedMostRecentThenMostUsed) {
  const auto plans = plan_components(marriage(),
                                     {item("old", "G01", CivilDate::from_ymd(2020, 1, 1), {}, 9),
                                      item("new_less", "G15", CivilDate::from_ymd(2024, 1, 1), {}, 1),
                                      item("new_more", "G15", CivilDate::from_ymd(2024, 1, 1), {}, 5)},
                                     kToday);
  EXPECT_EQ(plans[2].decision, ReuseDecision::CitizenChooses);
  ASSERT_EQ(plans[2].candidates.size(), 3u);
  EXPECT_EQ(plans[2].candidates[0].code, "new_more");
  EXPECT_EQ(plans[2].candidates[1].code, "new_less");
  EXPECT_EQ(plans[2].candidates[2].code, "old");
}

TEST(ReuseRule, OneItemMaySatisfyTwoComponents) {
  auto p = marriage();
  p.components[0].accepted_catalog_codes.push_back("G05");
  const auto plans = plan_components(p, {item("A", "G05", CivilDate::from_ymd(2026, 1, 1))}, kToday);
  EXPECT_EQ(plans[0].decision, ReuseDecision::AttachAutomatically);
  EXPECT_EQ(plans[1].decision, ReuseDecision::AttachAutomatically);
}

TEST(ReuseRule, ItemExpiringTodayIsStillOffered) {
  auto starts_today = item("S", "G05", CivilDate::from_ymd(2026, 1, 1));
  starts_today.valid_from = kToday;
  const auto plans = plan_components(
      marriage(), {item("T", "G05", CivilDate::from_ymd(2026, 1, 1), kToday), starts_today}, kToday);
  EXPECT_EQ(plans[1].decision, ReuseDecision::CitizenChooses);
  EXPECT_EQ(plans[1].candidates.size(), 2u);
}

TEST(ReuseRule, RevokedItemIsDroppedFromSeveralLeavingOne) {
  auto revoked = item("R", "G15", CivilDate::from_ymd(2026, 1, 1));
  revoked.revoked = true;
  const auto plans =
      plan_components(marriage(), {revoked, item("V", "G01", CivilDate::from_ymd(2020, 1, 1))}, kToday);
  EXPECT_EQ(plans[2].decision, ReuseDecision::AttachAutomatically);
  ASSERT_EQ(plans[2].candidates.size(), 1u);
  EXPECT_EQ(plans[2].candidates[0].code, "V");
}

TEST(ReuseRule, OptionalComponentIsPlannedButNeverBlocksCompletion) {
  const auto plans = plan_components(marriage(), {item("U", "G20", CivilDate::from_ymd(2026, 1, 1))}, kToday);
  ASSERT_TRUE(plans[3].component.optional);
  EXPECT_EQ(plans[3].decision, ReuseDecision::AttachAutomatically);
  ApplicationDraft draft;
  for (const auto& plan : plans) {
    if (!plan.component.optional) {
      draft.components.push_back({plan.component.id, "X", {}, false});
    }
  }
  EXPECT_TRUE(draft.complete(plans));
  draft.components.pop_back();
  EXPECT_FALSE(draft.complete(plans));
}

TEST(ReuseRule, SameItemOfferedAmongSeveralForTwoComponents) {
  auto p = marriage();
  p.components[1].accepted_catalog_codes.push_back("G15");
  const auto plans = plan_components(
      p,
      {item("A", "G15", CivilDate::from_ymd(2026, 1, 1)), item("B", "G05", CivilDate::from_ymd(2025, 1, 1))},
      kToday);
  EXPECT_EQ(plans[1].decision, ReuseDecision::CitizenChooses);
  EXPECT_EQ(plans[1].candidates[0].code, "A");
  EXPECT_EQ(plans[2].decision, ReuseDecision::AttachAutomatically);
  EXPECT_EQ(plans[2].candidates[0].code, "A");
}

}  // namespace
}  // namespace kiosk
