#include "kiosk/api/submission_service.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <functional>
#include <map>
#include <mutex>
#include <thread>

#include "temp_dir.hpp"

namespace kiosk::api {
namespace {

// A provincial system that remembers idempotency keys like the real one and
// fails the steps it is told to.
class ScriptedApi final : public ProvincialApi {
 public:
  std::map<std::string, Error> fail;  // step name -> error, once
  std::map<std::string, std::string> dossiers_by_key;
  std::vector<std::string> calls;
  int submitted = 0;
  std::map<std::string, SubmissionReceipt> receipts;
  std::function<void(const std::string&)> on_step;

  Status step(const std::string& name) {
    calls.push_back(name);
    if (on_step) {
      on_step(name);
    }
    const auto it = fail.find(name);
    if (it == fail.end()) {
      return Done{};
    }
    Error e = it->second;
    fail.erase(it);
    return e;
  }

  Result<CitizenRecord> citizen(const std::string&) override { return Error{ErrorCode::Internal, ""}; }
  Result<std::vector<VaultItem>> vault(const std::string&, const VaultQuery&) override {
    return std::vector<VaultItem>{};
  }
  Result<std::vector<std::uint8_t>> vault_file(const std::string&, const VaultItem&) override {
    return std::vector<std::uint8_t>{};
  }
  Result<std::vector<ProcedureSummary>> procedures(const std::string&) override {
    return std::vector<ProcedureSummary>{};
  }
  Result<ProcedureDetail> procedure(const std::string& code) override {
    if (auto s = step("procedure"); !s) {
      return s.error();
    }
    ProcedureDetail d;
    d.procedure.code = code;
    d.procedure.components = {{"tp1", "Giấy khai sinh", 1, PaperForm::Copy, false, {"G15"}},
                              {"tp2", "Tờ khai", 1, PaperForm::Original, false, {}}};
    d.procedure.cases = {{"c1", "1 ngày", 1}};
    return d;
  }
  Result<std::vector<Agency>> agencies(const std::string&) override {
    if (auto s = step("agencies"); !s) {
      return s.error();
    }
    return std::vector<Agency>{{"ag1", "H34.29.2", "UBND"}, {"ag2", "H34.29.3", "UBND 2"}};
  }
  Result<DossierRef> create_dossier(const DossierRequest& request, const std::string& key) override {
    if (auto s = step("create"); !s) {
      return s.error();
    }
    last_agency = request.agency_id;
    last_case = request.case_id;
    auto [it, fresh] =
        dossiers_by_key.try_emplace(key, "DOS" + std::to_string(dossiers_by_key.size() + 1) + "xxxxx");
    return DossierRef{it->second, "draft", {}};
  }
  Status attach_vault_item(const std::string&, const std::string&, const std::string&,
                           const std::string&) override {
    return step("attach");
  }
  Status upload_component(const std::string&, const std::string&, const std::string&,
                          const std::vector<std::uint8_t>&, const std::string& key) override {
    upload_keys.push_back(key);
    return step("upload");
  }
  Result<SubmissionReceipt> submit(const std::string& dossier_id, const std::string&) override {
    if (auto s = step("submit"); !s) {
      return s.error();
    }
    auto [it, fresh] = receipts.try_emplace(dossier_id);
    if (fresh) {
      ++submitted;
      it->second.dossier_code = "H34.29.2-261123-000" + std::to_string(submitted);
    }
    return it->second;
  }
  Result<DossierStatus> status_by_code(const std::string&) override { return Error{ErrorCode::Internal, ""}; }
  Result<std::vector<DossierStatus>> status_by_citizen(const std::string&) override {
    return std::vector<DossierStatus>{};
  }
  Status report_vault_item(const std::string&, const std::string&, VaultFeedbackReason, const std::string&,
                           const std::string&) override {
    return Done{};
  }
  Status set_notification_contact(const std::string&, const NotificationContact&, const std::string&,
                                  const std::string&) override {
    return step("contact");
  }
  Status send_rating(int, const std::string&, const std::string&) override { return Done{}; }
  void forget_session() override {}

  std::string last_agency;
  std::string last_case;
  std::vector<std::string> upload_keys;
};

ApplicationDraft draft() {
  ApplicationDraft d;
  d.procedure_code = "1.001193.000.00.00.H34";
  d.procedure_name = "Đăng ký khai sinh";
  d.applicant.id_number = "052090000495";
  d.applicant.full_name = "Nguyễn Văn An";
  d.components = {{"tp1", "052090000495.KQ.G15.000021.02022024", {}, true},
                  {"tp2", "", std::vector<std::uint8_t>(5000, 0x25), false}};
  return d;
}

class SubmissionServiceTest : public ::testing::Test {
 protected:
  test::TempDir dir;
  store::FileKeyWrapper wrapper = *store::FileKeyWrapper::open(dir.file("device.key"));
  std::unique_ptr<store::Outbox> outbox = store::Outbox::open(dir.file("kiosk.db"), wrapper).value();
  std::unique_ptr<store::AuditLog> audit =
      store::AuditLog::open(dir.file("kiosk.db"), store::Key256{}).value();
  ScriptedApi api;
  SubmissionService service{api, *outbox, audit.get(), {.device_id = "K01", .agency_ids = {"ag9", "ag2"}}};
};

// The case the citizen chose and the agency the kiosk showed are the ones
// sent; an agency no longer handling the procedure is refused, not replaced.
TEST_F(SubmissionServiceTest, SendsTheChosenCaseAndTheCentresAgency) {
  auto d = draft();
  d.case_id = "c1";
  d.agency_id = "ag1";
  ASSERT_TRUE(service.submit(d).ok());
  EXPECT_EQ(api.last_agency, "ag1");
  EXPECT_EQ(api.last_case, "c1");
  d.case_id = "c7";
  auto refused = service.submit(d);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::InvalidInput);
  d.case_id = "c1";
  d.agency_id = "ag5";
  refused = service.submit(d);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::InvalidInput);
  EXPECT_EQ(*outbox->size(), 0);
}

TEST_F(SubmissionServiceTest, AcceptedApplicationLeavesTheOutboxEmpty) {
  auto receipt = service.submit(draft());
  ASSERT_TRUE(receipt.ok()) << receipt.error().detail;
  EXPECT_FALSE(receipt->pending);
  EXPECT_EQ(receipt->dossier_code, "H34.29.2-261123-0001");
  ASSERT_EQ(receipt->components.size(), 2u);
  EXPECT_EQ(receipt->components[0], (std::pair<std::string, bool>{"Giấy khai sinh", true}));
  EXPECT_EQ(receipt->components[1], (std::pair<std::string, bool>{"Tờ khai", false}));
  EXPECT_EQ(*outbox->size(), 0);
  EXPECT_EQ(api.last_agency, "ag2");
  EXPECT_EQ(api.calls,
            (std::vector<std::string>{"procedure", "agencies", "create", "attach", "upload", "submit"}));
  EXPECT_TRUE(store::AuditLog::verify(*store::Database::open(dir.file("kiosk.db")).value())->intact);
}

TEST_F(SubmissionServiceTest, NetworkDownGivesAPendingReceiptAndDrainDeliversOnce) {
  api.fail["submit"] = Error{ErrorCode::NetworkDown, "down"};
  auto receipt = service.submit(draft());
  ASSERT_TRUE(receipt.ok());
  EXPECT_TRUE(receipt->pending);
  EXPECT_EQ(receipt->local_reference.rfind("KO-", 0), 0u);
  EXPECT_EQ(*outbox->size(), 1);

  auto delivered = service.drain();
  ASSERT_TRUE(delivered.ok());
  ASSERT_EQ(delivered->size(), 1u);
  EXPECT_EQ(api.dossiers_by_key.size(), 1u);
  EXPECT_EQ(api.submitted, 1);
  EXPECT_EQ(*outbox->size(), 0);
  // The upload was replayed with the same key, so the server resumes it.
  ASSERT_EQ(api.upload_keys.size(), 2u);
  EXPECT_EQ(api.upload_keys[0], api.upload_keys[1]);
  EXPECT_EQ(api.upload_keys[0], "K01:" + receipt->local_reference + ".tp2.upload");
}

TEST_F(SubmissionServiceTest, AnswerLostAfterTheServerActedIsReplayedNotDuplicated) {
  api.fail["create"] = Error{ErrorCode::Timeout, "no answer"};
  ASSERT_TRUE(service.submit(draft())->pending);
  api.fail["submit"] = Error{ErrorCode::BadResponse, "truncated"};
  ASSERT_TRUE(service.drain().ok());
  EXPECT_EQ(*outbox->size(), 1);
  ASSERT_EQ(service.drain()->size(), 1u);
  EXPECT_EQ(api.dossiers_by_key.size(), 1u);
  EXPECT_EQ(api.submitted, 1);
}

TEST_F(SubmissionServiceTest, RefusalWithTheCitizenPresentIsAnErrorAndNothingStaysQueued) {
  api.fail["attach"] = Error{ErrorCode::ServerRefused, "HTTP 422 vault_item_revoked"};
  auto receipt = service.submit(draft());
  ASSERT_FALSE(receipt.ok());
  EXPECT_EQ(receipt.error().code, ErrorCode::ServerRefused);
  EXPECT_EQ(*outbox->size(), 0);
}

TEST_F(SubmissionServiceTest, RefusalInTheBackgroundHoldsTheEntryForStaff) {
  api.fail["procedure"] = Error{ErrorCode::ServerBusy, "429"};
  auto receipt = service.submit(draft());
  ASSERT_TRUE(receipt->pending);
  api.fail["attach"] = Error{ErrorCode::ServerRefused, "HTTP 422"};
  EXPECT_TRUE(service.drain()->empty());
  auto entry = outbox->entry(receipt->local_reference);
  ASSERT_TRUE(entry.ok());
  EXPECT_TRUE(entry->held);
  EXPECT_TRUE(service.drain()->empty());  // held entries are not resent
  EXPECT_EQ(api.submitted, 0);
}

TEST_F(SubmissionServiceTest, ContactIsSentOnlyWithConsent) {
  auto d = draft();
  d.contact = {false, "0905123456", "", true, false};
  ASSERT_TRUE(service.submit(d).ok());
  EXPECT_EQ(std::count(api.calls.begin(), api.calls.end(), "contact"), 0);
  d.contact.consent = true;
  ASSERT_TRUE(service.submit(d).ok());
  EXPECT_EQ(std::count(api.calls.begin(), api.calls.end(), "contact"), 1);
}

TEST_F(SubmissionServiceTest, DiskFullIsReportedBeforeAnythingIsSent) {
  auto small = store::Outbox::open(dir.file("small.db"), wrapper, {.max_bytes = 64 * 1024}).value();
  SubmissionService tight(api, *small, nullptr);
  auto d = draft();
  d.components[1].scanned_pdf.assign(512 * 1024, 0x25);
  auto receipt = tight.submit(d);
  ASSERT_FALSE(receipt.ok());
  EXPECT_EQ(receipt.error().code, ErrorCode::DiskFull);
  EXPECT_TRUE(api.calls.empty());
  EXPECT_EQ(*small->size(), 0);
}

TEST_F(SubmissionServiceTest, BackgroundSenderDrainsWhenWoken) {
  api.fail["create"] = Error{ErrorCode::NetworkDown, "down"};
  ASSERT_TRUE(service.submit(draft())->pending);
  {
    BackgroundSender sender(service, std::chrono::hours(1));
    sender.wake();
    for (int i = 0; i < 500 && *outbox->size() != 0; ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
  }
  EXPECT_EQ(*outbox->size(), 0);
  EXPECT_EQ(api.submitted, 1);
}

// Every delivery attempt, the citizen's own and the sender's retries, is
// framed by two edges, and the application is sent between them.
TEST_F(SubmissionServiceTest, MarksTheStartAndEndOfEachDeliveryAttempt) {
  std::atomic<int> edges{0};
  std::atomic<int> odd_at_create{-1};
  SubmissionService framed{
      api, *outbox, audit.get(), {.device_id = "K01", .agency_ids = {"ag9", "ag2"}, .on_delivery_edge = [&] {
                                    edges.fetch_add(1);
                                  }}};
  api.on_step = [&](const std::string& name) {
    if (name == "create") {
      odd_at_create = edges.load() % 2;
    }
  };
  api.fail["create"] = Error{ErrorCode::NetworkDown, "down"};
  ASSERT_TRUE(framed.submit(draft())->pending);
  EXPECT_EQ(edges.load(), 2);
  EXPECT_EQ(odd_at_create.load(), 1);
  odd_at_create = -1;
  {
    BackgroundSender sender(framed, std::chrono::hours(1));
    for (int i = 0; i < 500 && *outbox->size() != 0; ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
  }
  EXPECT_EQ(*outbox->size(), 0);
  EXPECT_EQ(odd_at_create.load(), 1);
  EXPECT_EQ(edges.load(), 4);
}

TEST(ResendDelay, DoublesPerFailureUpToTheCeilingAndJittersDownward) {
  const SenderOptions options{.interval = std::chrono::seconds(10), .max_backoff = std::chrono::seconds(100)};
  using std::chrono::milliseconds;
  EXPECT_EQ(resend_delay(0, options, 0.0), milliseconds(10000));
  EXPECT_EQ(resend_delay(1, options, 0.0), milliseconds(20000));
  EXPECT_EQ(resend_delay(3, options, 0.0), milliseconds(80000));
  EXPECT_EQ(resend_delay(4, options, 0.0), milliseconds(100000));
  EXPECT_EQ(resend_delay(1000, options, 0.0), milliseconds(100000));
  EXPECT_EQ(resend_delay(4, options, 0.999), milliseconds(75025));
  EXPECT_EQ(resend_delay(0, options, 1.0), milliseconds(7500));
}

TEST_F(SubmissionServiceTest, BackgroundSenderReportsWhatWaitsAndSendsWhenTheApiIsBack) {
  api.fail["create"] = Error{ErrorCode::NetworkDown, "down"};
  ASSERT_TRUE(service.submit(draft())->pending);
  api.fail["create"] = Error{ErrorCode::ServerError, "still down"};
  std::mutex mutex;
  std::vector<OutboxStatus> seen;
  const auto last = [&] {
    std::lock_guard lock(mutex);
    return seen.empty() ? OutboxStatus{-1, -1} : seen.back();
  };
  const auto wait_for = [&](OutboxStatus wanted) {
    for (int i = 0; i < 1000 && !(last() == wanted); ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return last() == wanted;
  };
  {
    BackgroundSender sender(service, SenderOptions{.interval = std::chrono::hours(1),
                                                   .max_backoff = std::chrono::hours(2),
                                                   .on_status = [&](const OutboxStatus& status) {
                                                     std::lock_guard lock(mutex);
                                                     seen.push_back(status);
                                                   }});
    // The start-up drain meets the failing server: one entry still waits.
    ASSERT_TRUE(wait_for({1, 0}));
    EXPECT_EQ(api.submitted, 0);
    sender.wake();
    ASSERT_TRUE(wait_for({0, 0}));
  }
  EXPECT_EQ(api.submitted, 1);
  EXPECT_EQ(*outbox->size(), 0);
}

TEST_F(SubmissionServiceTest, StatusCountsPendingAndHeldApart) {
  api.fail["create"] = Error{ErrorCode::NetworkDown, "down"};
  ASSERT_TRUE(service.submit(draft())->pending);
  api.fail["create"] = Error{ErrorCode::NetworkDown, "down"};
  ASSERT_TRUE(service.submit(draft())->pending);
  auto entries = *outbox->entries();
  ASSERT_TRUE(outbox->note_failure(entries[0].reference, "refused", true).ok());
  EXPECT_EQ(*service.status(), (OutboxStatus{1, 1}));
}

}  // namespace
}  // namespace kiosk::api
