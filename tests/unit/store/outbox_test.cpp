#include "kiosk/store/outbox.hpp"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <fstream>
#include <iterator>

#include "temp_dir.hpp"

namespace kiosk::store {
namespace {

std::string file_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

class OutboxTest : public ::testing::Test {
 protected:
  test::TempDir dir;
  std::string db = dir.file("kiosk.db");
  FileKeyWrapper wrapper = *FileKeyWrapper::open(dir.file("device.key"));
};

TEST_F(OutboxTest, KeepsApplicationsAcrossReopenAndRemovesThem) {
  const std::string secret = "Nguyễn Văn An 052090000495 SECRET-MARKER";
  const Bytes app(secret.begin(), secret.end());
  std::string ref;
  {
    auto outbox = Outbox::open(db, wrapper);
    ASSERT_TRUE(outbox.ok());
    auto put = (*outbox)->put(app, 1000);
    ASSERT_TRUE(put.ok());
    ref = *put;
    EXPECT_EQ(ref.rfind("KO-", 0), 0u);
    ASSERT_TRUE((*outbox)->set_progress(ref, R"({"dossier_id":"D1"})").ok());
  }
  auto outbox = Outbox::open(db, wrapper);
  ASSERT_TRUE(outbox.ok());
  auto entries = (*outbox)->entries();
  ASSERT_TRUE(entries.ok());
  ASSERT_EQ(entries->size(), 1u);
  EXPECT_EQ((*entries)[0].reference, ref);
  EXPECT_EQ((*entries)[0].progress, R"({"dossier_id":"D1"})");
  auto read = (*outbox)->read(ref);
  ASSERT_TRUE(read.ok());
  EXPECT_EQ(*read, app);
  ASSERT_TRUE((*outbox)->remove(ref).ok());
  EXPECT_EQ(*(*outbox)->size(), 0);
}

TEST_F(OutboxTest, NothingPersonalReachesTheDiskInClear) {
  const std::string secret = "SECRET-MARKER-052090000495";
  {
    auto outbox = Outbox::open(db, wrapper);
    ASSERT_TRUE(outbox.ok());
    ASSERT_TRUE((*outbox)->put(Bytes(secret.begin(), secret.end()), 1).ok());
  }
  const std::string raw = file_bytes(db) + file_bytes(db + "-wal");
  EXPECT_EQ(raw.find("SECRET-MARKER"), std::string::npos);
}

// A delivered pending application's reference keeps finding its dossier
// code, sealed on disk, for 90 days.
TEST_F(OutboxTest, RemembersWhatAReferenceBecameSealedForAWhile) {
  const std::int64_t day = 24 * 3600;
  {
    auto outbox = Outbox::open(db, wrapper);
    ASSERT_TRUE(outbox.ok());
    ASSERT_TRUE((*outbox)->remember_delivery("KO-AAAAAAAA", "H34.29.2-261123-0042", 1000).ok());
    EXPECT_EQ((*outbox)->delivered_code("KO-AAAAAAAA").value(), "H34.29.2-261123-0042");
    EXPECT_FALSE((*outbox)->delivered_code("KO-BBBBBBBB").value());
  }
  const std::string raw = file_bytes(db) + file_bytes(db + "-wal");
  EXPECT_EQ(raw.find("261123-0042"), std::string::npos);
  auto outbox = Outbox::open(db, wrapper);
  ASSERT_TRUE((*outbox)->remember_delivery("KO-CCCCCCCC", "H34.29.2-261123-0043", 1000 + 91 * day).ok());
  EXPECT_FALSE((*outbox)->delivered_code("KO-AAAAAAAA").value());
  EXPECT_EQ((*outbox)->delivered_code("KO-CCCCCCCC").value(), "H34.29.2-261123-0043");
}

TEST_F(OutboxTest, AnotherDeviceKeyCannotOpenTheOutbox) {
  {
    auto outbox = Outbox::open(db, wrapper);
    ASSERT_TRUE(outbox.ok());
  }
  test::TempDir other;
  auto stranger = FileKeyWrapper::open(other.file("device.key"));
  auto outbox = Outbox::open(db, *stranger);
  ASSERT_FALSE(outbox.ok());
  EXPECT_EQ(outbox.error().code, ErrorCode::StorageCorrupt);
}

TEST_F(OutboxTest, TamperedCiphertextIsRefused) {
  auto outbox = Outbox::open(db, wrapper);
  auto ref = (*outbox)->put(Bytes(100, 7), 1);
  ASSERT_TRUE(ref.ok());
  sqlite3* raw = nullptr;
  ASSERT_EQ(sqlite3_open(db.c_str(), &raw), SQLITE_OK);
  ASSERT_EQ(
      sqlite3_exec(raw, "UPDATE outbox SET sealed = randomblob(length(sealed))", nullptr, nullptr, nullptr),
      SQLITE_OK);
  sqlite3_close(raw);
  EXPECT_EQ((*outbox)->read(*ref).error().code, ErrorCode::StorageCorrupt);
}

TEST_F(OutboxTest, HeldEntriesKeepTheirReason) {
  auto outbox = Outbox::open(db, wrapper);
  auto ref = (*outbox)->put(Bytes{1}, 1);
  ASSERT_TRUE((*outbox)->note_failure(*ref, "server_refused HTTP 422", true).ok());
  auto entry = (*outbox)->entry(*ref);
  ASSERT_TRUE(entry.ok());
  EXPECT_TRUE(entry->held);
  EXPECT_EQ(entry->attempts, 1);
  EXPECT_EQ(entry->last_error, "server_refused HTTP 422");
  ASSERT_TRUE((*outbox)->release_hold(*ref).ok());
  EXPECT_FALSE((*outbox)->entry(*ref)->held);
}

TEST_F(OutboxTest, DiskFullIsAClearErrorAndKeepsWhatWasStored) {
  auto outbox = Outbox::open(db, wrapper, {.max_bytes = 256 * 1024});
  ASSERT_TRUE(outbox.ok());
  auto kept = (*outbox)->put(Bytes(20 * 1024, 1), 1);
  ASSERT_TRUE(kept.ok());
  Result<std::string> put = std::string();
  for (int i = 0; i < 64 && put.ok(); ++i) {
    put = (*outbox)->put(Bytes(64 * 1024, 2), 1);
  }
  ASSERT_FALSE(put.ok());
  EXPECT_EQ(put.error().code, ErrorCode::DiskFull);
  EXPECT_EQ(*(*outbox)->read(*kept), Bytes(20 * 1024, 1));

  sqlite3* raw = nullptr;
  ASSERT_EQ(sqlite3_open(db.c_str(), &raw), SQLITE_OK);
  sqlite3_stmt* check = nullptr;
  ASSERT_EQ(sqlite3_prepare_v2(raw, "PRAGMA integrity_check", -1, &check, nullptr), SQLITE_OK);
  ASSERT_EQ(sqlite3_step(check), SQLITE_ROW);
  EXPECT_STREQ(reinterpret_cast<const char*>(sqlite3_column_text(check, 0)), "ok");
  sqlite3_finalize(check);
  sqlite3_close(raw);
}

}  // namespace
}  // namespace kiosk::store
