#include <gtest/gtest.h>

#include "fixture.hpp"
#include "kiosk/api/submission_service.hpp"
#include "kiosk/store/digest.hpp"
#include "sandbox_process.hpp"
#include "temp_dir.hpp"

namespace kiosk::test {
namespace {

class SandboxSubmission : public ::testing::Test {
 protected:
  void start(std::vector<std::string> args = {}) {
    sandbox = std::make_unique<Sandbox>(std::move(args));
    ASSERT_FALSE(sandbox->url().empty()) << "kiosk-sandbox did not start";
    api = std::make_unique<api::CurlProvincialApi>(config_for(sandbox->url()));
    service = std::make_unique<api::SubmissionService>(*api, *outbox, nullptr,
                                                       api::SubmissionOptions{.device_id = "K01"});
  }

  // Submits under `faults`, expects a pending receipt, then clears the faults
  // and drains: the server must hold the application exactly once.
  void pending_then_delivered_once(const nlohmann::json& faults) {
    set_faults(sandbox->url(), faults);
    auto receipt = service->submit(marriage_application(300 * 1024));
    ASSERT_TRUE(receipt.ok()) << receipt.error().detail;
    EXPECT_TRUE(receipt->pending);
    EXPECT_FALSE(receipt->local_reference.empty());
    EXPECT_EQ(*outbox->size(), 1);
    set_faults(sandbox->url(), nlohmann::json::array());
    auto delivered = service->drain();
    ASSERT_TRUE(delivered.ok());
    ASSERT_EQ(delivered->size(), 1u);
    EXPECT_EQ(*outbox->size(), 0);
    EXPECT_EQ(submitted_dossiers(sandbox->url()), 1u);
    EXPECT_LE(created_dossier_keys(sandbox->url()).size(), 1u);
  }

  TempDir dir;
  store::FileKeyWrapper wrapper = *store::FileKeyWrapper::open(dir.file("device.key"));
  std::unique_ptr<store::Outbox> outbox = store::Outbox::open(dir.file("kiosk.db"), wrapper).value();
  std::unique_ptr<Sandbox> sandbox;
  std::unique_ptr<api::CurlProvincialApi> api;
  std::unique_ptr<api::SubmissionService> service;
};

TEST_F(SandboxSubmission, ThreeComponentApplicationIsReceived) {
  start();
  auto receipt = service->submit(marriage_application());
  ASSERT_TRUE(receipt.ok()) << receipt.error().detail;
  EXPECT_FALSE(receipt->pending);
  EXPECT_FALSE(receipt->dossier_code.empty());
  EXPECT_TRUE(receipt->appointment.has_value());
  ASSERT_EQ(receipt->components.size(), 3u);
  EXPECT_FALSE(receipt->components[0].second);
  EXPECT_TRUE(receipt->components[1].second);
  EXPECT_EQ(*outbox->size(), 0);
  auto status = api->status_by_code(receipt->dossier_code);
  ASSERT_TRUE(status.ok()) << status.error().detail;
  EXPECT_EQ(status->dossier_code, receipt->dossier_code);
  EXPECT_EQ(submitted_dossiers(sandbox->url()), 1u);
}

TEST_F(SandboxSubmission, VaultFileIsDownloadedAndChecked) {
  start();
  auto items = api->vault(kCitizen, {.catalog_code = "G15"});
  ASSERT_TRUE(items.ok()) << items.error().detail;
  ASSERT_FALSE(items->empty());
  auto pdf = api->vault_file(kCitizen, items->front());
  ASSERT_TRUE(pdf.ok()) << pdf.error().detail;
  EXPECT_EQ(store::sha256_hex(*pdf), items->front().sha256);
  auto lied = items->front();
  lied.sha256 = std::string(64, 'a');
  EXPECT_EQ(api->vault_file(kCitizen, lied).error().code, ErrorCode::BadResponse);
}

TEST_F(SandboxSubmission, LatencyIsAbsorbed) {
  start({"--fault", "latency=150"});
  auto receipt = service->submit(marriage_application(100 * 1024));
  ASSERT_TRUE(receipt.ok()) << receipt.error().detail;
  EXPECT_FALSE(receipt->pending);
}

TEST_F(SandboxSubmission, ServerErrorsLeaveItPendingThenDeliveredOnce) {
  start();
  pending_then_delivered_once({{{"kind", "status"}, {"status", 500}, {"path_prefix", "/v1/dossiers"}}});
}

TEST_F(SandboxSubmission, RateLimitWithLongRetryAfterIsNotWaitedOut) {
  start();
  pending_then_delivered_once(
      {{{"kind", "rate_limit"}, {"retry_after", 30}, {"path_prefix", "/v1/procedures"}}});
}

TEST_F(SandboxSubmission, ShortRetryAfterIsHonouredAndRetried) {
  start({"--fault", "429:1:0.5@/v1/dossiers"});
  auto receipt = service->submit(marriage_application(100 * 1024));
  ASSERT_TRUE(receipt.ok()) << receipt.error().detail;
  EXPECT_FALSE(receipt->pending);
  EXPECT_EQ(submitted_dossiers(sandbox->url()), 1u);
}

TEST_F(SandboxSubmission, TruncatedAnswerIsReplayedNotDuplicated) {
  start();
  pending_then_delivered_once({{{"kind", "truncate"}, {"path_prefix", "/v1/dossiers"}}});
}

TEST_F(SandboxSubmission, DroppedConnectionsAtSubmitAreReplayedNotDuplicated) {
  start();
  pending_then_delivered_once({{{"kind", "drop"}, {"path_prefix", "/v1/dossiers"}}});
}

TEST_F(SandboxSubmission, UploadResumesAfterDroppedConnections) {
  start({"--fault", "drop:0.3@/v1/uploads", "--seed", "7"});
  auto receipt = service->submit(marriage_application());
  ASSERT_TRUE(receipt.ok()) << receipt.error().detail;
  EXPECT_FALSE(receipt->pending);
  EXPECT_EQ(submitted_dossiers(sandbox->url()), 1u);
}

TEST_F(SandboxSubmission, ServerRestartIsSurvived) {
  const std::string state = dir.file("sandbox-state.db");
  start({"--state", state});
  const std::string port = sandbox->port();
  sandbox->stop();
  auto receipt = service->submit(marriage_application(100 * 1024));
  ASSERT_TRUE(receipt.ok()) << receipt.error().detail;
  EXPECT_TRUE(receipt->pending);
  EXPECT_EQ(error_name(ErrorCode::NetworkDown), "network_down");
  sandbox = std::make_unique<Sandbox>(std::vector<std::string>{"--state", state}, port);
  ASSERT_FALSE(sandbox->url().empty());
  auto delivered = service->drain();
  ASSERT_TRUE(delivered.ok());
  EXPECT_EQ(delivered->size(), 1u);
  EXPECT_EQ(*outbox->size(), 0);
  EXPECT_EQ(submitted_dossiers(sandbox->url()), 1u);
}

TEST_F(SandboxSubmission, RefusedApplicationIsAnErrorNotAPendingReceipt) {
  start();
  auto d = marriage_application(10 * 1024);
  d.components[1].vault_item_code = "052090000495.KQ.G03.000045.15092024";  // expired
  auto receipt = service->submit(d);
  ASSERT_FALSE(receipt.ok());
  EXPECT_EQ(receipt.error().code, ErrorCode::ServerRefused);
  EXPECT_EQ(*outbox->size(), 0);
  EXPECT_EQ(submitted_dossiers(sandbox->url()), 0u);
}

}  // namespace
}  // namespace kiosk::test
