// The kiosk's own effect runner (the component between the screens and the
// provincial API) queues an application while the API fails and sends it in
// the background once the API is back: the server ends with it exactly once,
// and the pending count the staff see goes 1 -> 0.
#include <gtest/gtest.h>

#include <chrono>
#include <optional>
#include <thread>

#include "fixture.hpp"
#include "kiosk/app/effect_runner.hpp"
#include "kiosk/store/device_key.hpp"
#include "sandbox_process.hpp"
#include "swtpm_process.hpp"
#include "temp_dir.hpp"

namespace kiosk::test {
namespace {

class OutboxInTheKiosk : public ::testing::Test {
 protected:
  app::Config config_for_kiosk(const std::string& url, const std::string& store_key) {
    app::Config config = app::default_config();
    config.data_dir = dir.file("data");
    config.store_key = store_key;
    config.api_base_url = url;
    config.api_bearer_token = kToken;
    config.api_timeout_seconds = 5;
    config.resend_pending = std::chrono::seconds(1);
    config.camera = "";
    config.printer = "pdf";
    config.receipt_dir = dir.file("receipts");
    return config;
  }

  // Drains what the runner posted until `wanted` matches one event; the
  // deadline only guards against a hang.
  template <class Event, class Pred>
  std::optional<Event> await(app::EventQueue<DeviceEvent>& events, Pred wanted) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(120);
    while (std::chrono::steady_clock::now() < deadline) {
      for (auto& event : events.drain()) {
        if (const auto* e = std::get_if<Event>(&event); e != nullptr && wanted(*e)) {
          return *e;
        }
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return std::nullopt;
  }

  void queued_then_sent_once(const std::string& store_key) {
    Sandbox sandbox;
    ASSERT_FALSE(sandbox.url().empty()) << "kiosk-sandbox did not start";
    set_faults(sandbox.url(), {{{"kind", "status"}, {"status", 503}, {"path_prefix", "/v1/dossiers"}}});
    const app::Config config = config_for_kiosk(sandbox.url(), store_key);
    app::EventQueue<DeviceEvent> events([] {});
    {
      app::EffectRunner runner(config, events);
      const auto started = std::chrono::steady_clock::now();
      runner.run(effect::SubmitApplication{marriage_application(256 * 1024)});
      // run() only queues: the UI thread never waits for the network.
      EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::milliseconds(500));

      auto done = await<event::SubmissionDone>(events, [](const auto&) { return true; });
      ASSERT_TRUE(done.has_value());
      EXPECT_TRUE(done->receipt.pending);
      EXPECT_FALSE(done->receipt.local_reference.empty());
      ASSERT_TRUE(await<event::OutboxChanged>(events, [](const auto& e) { return e.pending == 1; }));
      EXPECT_EQ(submitted_dossiers(sandbox.url()), 0u);

      set_faults(sandbox.url(), nlohmann::json::array());
      auto drained = await<event::OutboxChanged>(events, [](const auto& e) { return e.pending == 0; });
      ASSERT_TRUE(drained.has_value());
      EXPECT_EQ(drained->held, 0);
    }
    EXPECT_EQ(submitted_dossiers(sandbox.url()), 1u);
    EXPECT_EQ(created_dossier_keys(sandbox.url()).size(), 1u);

    // Nothing is left behind in the outbox on disk.
    const std::string spec = store_key.empty() ? "file:" + dir.file("data/outbox.key") : store_key;
    auto wrapper = store::open_device_key(spec);
    ASSERT_TRUE(wrapper.ok()) << wrapper.error().detail;
    auto outbox = store::Outbox::open(dir.file("data/outbox.db"), **wrapper);
    ASSERT_TRUE(outbox.ok()) << outbox.error().detail;
    EXPECT_TRUE((*outbox)->entries()->empty());
  }

  TempDir dir;
};

TEST_F(OutboxInTheKiosk, QueuedWhileTheApiFailsAndSentOnceWhenItIsBack) {
  queued_then_sent_once("");
}

TEST_F(OutboxInTheKiosk, SameWithTheOutboxKeySealedByTheTpm) {
  SwtpmProcess tpm(dir.file("tpm"));
  queued_then_sent_once("tpm:" + tpm.tcti());
}

}  // namespace
}  // namespace kiosk::test
