#include <gtest/gtest.h>

#include <random>

#include "fixture.hpp"
#include "kiosk/store/outbox.hpp"
#include "sandbox_process.hpp"
#include "temp_dir.hpp"

namespace kiosk::test {
namespace {

// kill -9 at random points of 50 submissions, then one clean restart drains
// the outbox: the server must hold every application that reached it exactly
// once, and every application that reached the outbox must reach the server.
TEST(CrashDuringSubmission, EachApplicationArrivesExactlyOnce) {
  TempDir dir;
  Sandbox sandbox;
  ASSERT_FALSE(sandbox.url().empty());
  const std::string driver = std::string(KIOSK_BINARY_DIR) + "/bin/kiosk-submit-driver";
  const std::string db = dir.file("kiosk.db");
  const std::string key = dir.file("device.key");
  std::mt19937 random(12345);
  std::set<std::string> queued;  // references seen durably in the outbox
  for (int i = 0; i < 50; ++i) {
    Child child({driver, "submit", sandbox.url(), db, key}, false);
    ASSERT_TRUE(child.running());
    std::this_thread::sleep_for(
        std::chrono::milliseconds(std::uniform_int_distribution<int>(0, 400)(random)));
    child.kill_hard();
    child.wait();
    auto wrapper = store::FileKeyWrapper::open(key);
    if (!wrapper) {
      continue;  // killed before the device key existed
    }
    auto outbox = store::Outbox::open(db, *wrapper);
    ASSERT_TRUE(outbox.ok()) << outbox.error().detail;
    auto entries = (*outbox)->entries();
    ASSERT_TRUE(entries.ok());
    for (const auto& entry : *entries) {
      queued.insert(entry.reference);
    }
  }
  Child drain({driver, "drain", sandbox.url(), db, key}, false);
  ASSERT_EQ(drain.wait(), 0);

  auto wrapper = store::FileKeyWrapper::open(key);
  auto outbox = store::Outbox::open(db, *wrapper);
  ASSERT_TRUE(outbox.ok());
  auto left = (*outbox)->entries();
  ASSERT_TRUE(left.ok());
  for (const auto& entry : *left) {
    ADD_FAILURE() << entry.reference << " still queued: " << entry.last_error;
  }

  const auto keys = created_dossier_keys(sandbox.url());
  for (const auto& ref : queued) {
    EXPECT_EQ(keys.count("K01:" + ref + ".dossier"), 1u) << ref << " never reached the server";
  }
  EXPECT_EQ(submitted_dossiers(sandbox.url()), keys.size())
      << "an application was created but not submitted, "
         "or submitted twice";
  EXPECT_LE(keys.size(), 50u);
  std::printf("crash loop: %zu applications queued across kills, %zu on the server\n", queued.size(),
              keys.size());
}

}  // namespace
}  // namespace kiosk::test
