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

}  // namespace
}  // namespace kiosk::store
