#include "kiosk/store/audit_log.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <iterator>

#include "temp_dir.hpp"

namespace kiosk::store {
namespace {

class AuditLogTest : public ::testing::Test {
 protected:
  void SetUp() override {
    secret.fill(0x11);
    auto log = AuditLog::open(db_path, secret);
    ASSERT_TRUE(log.ok());
    ASSERT_TRUE((*log)->record("session_start", "", "chip").ok());
    ASSERT_TRUE((*log)->record("identification", "052090000495", "chip_genuine").ok());
    ASSERT_TRUE((*log)->record("submission", "052090000495", "accepted H34.29.2-261123-0001").ok());
    ASSERT_TRUE((*log)->record("session_end", "", "citizen_ended").ok());
    db = Database::open(db_path).value();
  }

  AuditVerification verify() { return *AuditLog::verify(*db); }

  test::TempDir dir;
  std::string db_path = dir.file("kiosk.db");
  Key256 secret{};
  std::unique_ptr<Database> db;
};

TEST_F(AuditLogTest, IntactChainVerifies) {
  const auto v = verify();
  EXPECT_TRUE(v.intact) << v.reason;
  EXPECT_EQ(v.records, 4);
}

TEST_F(AuditLogTest, IdNumbersAreStoredOnlyAsKeyedHashes) {
  auto records = AuditLog::list(*db);
  ASSERT_TRUE(records.ok());
  EXPECT_EQ((*records)[1].subject.size(), 64u);
  EXPECT_EQ((*records)[1].subject, (*records)[2].subject);
  EXPECT_TRUE((*records)[0].subject.empty());
  std::ifstream in(db_path, std::ios::binary);
  const std::string raw{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  std::ifstream wal(db_path + "-wal", std::ios::binary);
  const std::string raw_wal{std::istreambuf_iterator<char>(wal), std::istreambuf_iterator<char>()};
  EXPECT_EQ((raw + raw_wal).find("052090000495"), std::string::npos);
}

TEST_F(AuditLogTest, EditedRecordIsDetected) {
  ASSERT_TRUE(db->exec("UPDATE audit SET outcome='refused' WHERE seq=3").ok());
  const auto v = verify();
  EXPECT_FALSE(v.intact);
  EXPECT_EQ(v.first_bad_seq, 3);
}

TEST_F(AuditLogTest, EditedRecordWithRecomputedHashBreaksTheNextLink) {
  auto records = *AuditLog::list(*db);
  AuditRecord forged = records[1];
  forged.outcome = "staff_confirmed";
  forged.hash = audit_chain_hash(forged);
  ASSERT_TRUE(
      db->exec("UPDATE audit SET outcome='staff_confirmed', hash='" + forged.hash + "' WHERE seq=2").ok());
  const auto v = verify();
  EXPECT_FALSE(v.intact);
  EXPECT_EQ(v.first_bad_seq, 3);
}

TEST_F(AuditLogTest, DeletedRecordIsDetected) {
  ASSERT_TRUE(db->exec("DELETE FROM audit WHERE seq=2").ok());
  const auto v = verify();
  EXPECT_FALSE(v.intact);
  EXPECT_EQ(v.first_bad_seq, 3);
}

TEST_F(AuditLogTest, RecordsContinueTheChainAfterReopen) {
  auto log = AuditLog::open(db_path, secret);
  ASSERT_TRUE((*log)->record("staff_action", "STAFF-7", "takeover").ok());
  const auto v = verify();
  EXPECT_TRUE(v.intact) << v.reason;
  EXPECT_EQ(v.records, 5);
}

TEST_F(AuditLogTest, UntouchedLogMatchesItsAnchor) {
  const auto v = *AuditLog::verify(*db, &secret);
  EXPECT_TRUE(v.intact) << v.reason;
  EXPECT_TRUE(v.anchor_authenticated);
  EXPECT_EQ(v.missing_at_end, 0);
}

TEST_F(AuditLogTest, CutOffTailIsReportedAsRecordsMissingAtTheEnd) {
  ASSERT_TRUE(db->exec("DELETE FROM audit WHERE seq > 2").ok());
  const auto v = verify();
  EXPECT_FALSE(v.intact);
  EXPECT_EQ(v.records, 2);
  EXPECT_EQ(v.missing_at_end, 2);
  EXPECT_EQ(v.first_bad_seq, 3);
  EXPECT_NE(v.reason.find("records missing at the end"), std::string::npos) << v.reason;
}

TEST_F(AuditLogTest, EveryRecordDeletedIsStillNoticed) {
  ASSERT_TRUE(db->exec("DELETE FROM audit").ok());
  const auto v = verify();
  EXPECT_FALSE(v.intact);
  EXPECT_EQ(v.missing_at_end, 4);
}

TEST_F(AuditLogTest, AnchorRewrittenToFitTheCutNeedsTheDeviceSecret) {
  const auto records = *AuditLog::list(*db);
  ASSERT_TRUE(db->exec("DELETE FROM audit WHERE seq > 2").ok());
  Key256 guess{};
  guess.fill(0x22);
  ASSERT_TRUE(db->exec("UPDATE audit_anchor SET records=2, head='" + records[1].hash + "', mac='" +
                       audit_anchor_mac(guess, 2, records[1].hash) + "'")
                  .ok());
  EXPECT_TRUE(verify().intact) << "without the secret a consistent anchor cannot be told from a real one";
  const auto v = *AuditLog::verify(*db, &secret);
  EXPECT_FALSE(v.intact);
  EXPECT_NE(v.reason.find("anchor was not written by this kiosk"), std::string::npos) << v.reason;
}

TEST_F(AuditLogTest, RecordAppendedOutsideTheKioskIsDetected) {
  AuditRecord extra = AuditLog::list(*db)->back();
  extra.prev_hash = extra.hash;
  extra.seq += 1;
  extra.action = "submission";
  extra.hash = audit_chain_hash(extra);
  Statement insert(
      *db, "INSERT INTO audit(seq, at, action, subject, outcome, prev_hash, hash) VALUES(?,?,?,?,?,?,?)");
  insert.bind(1, extra.seq).bind(2, extra.at).bind(3, extra.action).bind(4, extra.subject);
  insert.bind(5, extra.outcome).bind(6, extra.prev_hash).bind(7, extra.hash);
  ASSERT_TRUE(insert.step().ok());
  const auto v = verify();
  EXPECT_FALSE(v.intact);
  EXPECT_EQ(v.first_bad_seq, 5);
}

TEST_F(AuditLogTest, RemovedAnchorFailsUntilTheKioskReanchorsInTheLogItself) {
  ASSERT_TRUE(db->exec("DELETE FROM audit_anchor").ok());
  const auto v = verify();
  EXPECT_FALSE(v.intact);
  EXPECT_NE(v.reason.find("no anchor"), std::string::npos) << v.reason;

  ASSERT_TRUE(AuditLog::open(db_path, secret).ok());
  const auto after = *AuditLog::verify(*db, &secret);
  EXPECT_TRUE(after.intact) << after.reason;
  EXPECT_EQ(AuditLog::list(*db)->back().action, "audit_anchor_reset");
}

}  // namespace
}  // namespace kiosk::store
