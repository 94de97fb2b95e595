#include "sandbox/state_store.hpp"

#include <filesystem>

#include <unistd.h>

#include <gtest/gtest.h>

namespace kiosk::sandbox {
namespace {

TEST(StateStore, KeepsDocumentsAndCounts) {
  StateStore store(":memory:");
  EXPECT_FALSE(store.seeded());
  store.mark_seeded();
  EXPECT_TRUE(store.seeded());
  EXPECT_FALSE(store.times_used("x"));
  store.set_times_used("x", 3);
  EXPECT_EQ(store.times_used("x"), 3);
  const nlohmann::json draft{{"id", "d1"}, {"dossier_code", nullptr}};
  store.put_dossier("d1", "052090000495", draft);
  EXPECT_EQ(store.dossier("d1"), draft);
  EXPECT_TRUE(store.submitted_dossiers_of("052090000495").empty());
  const nlohmann::json sent{{"id", "d1"}, {"dossier_code", "H34.8-230305-0001"}, {"received_at", "t"}};
  store.put_dossier("d1", "052090000495", sent);
  EXPECT_EQ(store.dossier_by_code("H34.8-230305-0001"), sent);
  EXPECT_EQ(store.submitted_dossiers_of("052090000495").size(), 1u);
}

TEST(StateStore, UploadChunksReassemble) {
  StateStore store(":memory:");
  const std::string a("abc\0def", 7);
  store.append_chunk("u", 0, a);
  store.append_chunk("u", 7, "ghij");
  EXPECT_EQ(store.upload_bytes("u", 0, 11), a + "ghij");
  EXPECT_EQ(store.upload_bytes("u", 5, 4), "efgh");
  EXPECT_EQ(store.upload_bytes("u", 7, 4), "ghij");
}

TEST(StateStore, SequencesCountPerName) {
  StateStore store(":memory:");
  EXPECT_EQ(store.next_sequence("H34.8-230305"), 1);
  EXPECT_EQ(store.next_sequence("H34.8-230305"), 2);
  EXPECT_EQ(store.next_sequence("H34.8-230306"), 1);
}

TEST(StateStore, TransactionRollsBackUnlessCommitted) {
  StateStore store(":memory:");
  {
    StateStore::Transaction tx(store);
    store.set_times_used("x", 1);
  }
  EXPECT_FALSE(store.times_used("x"));
  {
    StateStore::Transaction tx(store);
    store.set_times_used("x", 2);
    tx.commit();
  }
  EXPECT_EQ(store.times_used("x"), 2);
}

TEST(StateStore, IdempotentRepliesSurviveReopen) {
  // Unique per process, so parallel ctest runs do not share the file.
  const auto path = std::filesystem::temp_directory_path() /
                    ("sandbox-state-test-" + std::to_string(::getpid()) + ".sqlite");
  {
    StateStore store(path.string());
    store.put_idempotent_reply("kiosk", "key-0001", {"POST /v1/dossiers abc", 201, "application/json", "{}"});
  }
  {
    StateStore store(path.string());
    const auto r = store.idempotent_reply("kiosk", "key-0001");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 201);
    EXPECT_EQ(r->fingerprint, "POST /v1/dossiers abc");
    EXPECT_FALSE(store.idempotent_reply("other-kiosk", "key-0001"));
  }
  for (const char* suffix : {"", "-wal", "-shm"}) {
    std::filesystem::remove(path.string() + suffix);
  }
}

TEST(StateStore, UnopenableFileIsATypedError) {
  EXPECT_THROW(StateStore("/nonexistent-dir/state.sqlite"), StoreError);
}

}  // namespace
}  // namespace kiosk::sandbox
