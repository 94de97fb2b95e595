// The safety journeys through the real stack (kiosk-sandbox, a private pcscd
// with vpcd and kiosk-vcard, the card's QR replayed as camera pictures): a
// card already in the reader at start-up, the idle wipe, a card pulled in the
// middle of the chip read or of the session, and a staff takeover. After
// every wipe no file of the kiosk holds the citizen; the memory check is its
// own case below.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "kiosk/app/staff_directory.hpp"
#include "test_images.hpp"
#include "tests/integration/card/private_pcscd.hpp"
#include "tests/ui/kiosk/journey_stack.hpp"
#include "tests/ui/kiosk/kiosk_harness.hpp"

namespace kiosk::test {
namespace {

namespace fs = std::filesystem;
using card::testing::PrivatePcscd;
using card::testing::VirtualCardProcess;

constexpr const char* kStaffId = "cb01";
constexpr const char* kStaffPin = "246810";
constexpr const char* kStaffName = "Phạm Thị Cán Bộ";

struct Citizen {
  std::string id;
  std::string name;
};

// One pcscd, sandbox, display and camera picture for the whole suite: each
// case starts its own kiosk (own data directory) and puts its own card in.
class KioskSafetyJourney : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    pcscd_ = std::make_unique<PrivatePcscd>();
    sandbox_ = std::make_unique<SandboxProcess>();
    display_ = std::make_unique<VirtualDisplay>();
    shared_dir_ = fs::path(KIOSK_BINARY_DIR) / "tests-ui-safety";
    fs::remove_all(shared_dir_);
    qr_dir_ = write_card_qr(shared_dir_ / "camera", citizen_.id);
    const std::string payload = qr::testing::demo_payloads(KIOSK_SOURCE_DIR).at(0);
    const auto first = payload.find('|');
    const auto second = payload.find('|', first + 1);
    citizen_.name = payload.substr(second + 1, payload.find('|', second + 1) - second - 1);
    staff_file_ = shared_dir_ / "staff.txt";
    std::ofstream(staff_file_) << "# id:name:yescrypt(PIN)\n"
                               << app::staff_line(kStaffId, kStaffName, kStaffPin) << "\n";
  }
  static void TearDownTestSuite() {
    display_.reset();
    sandbox_.reset();
    pcscd_.reset();
  }

  void TearDown() override {
    kiosk_.reset();
    if (!kiosk_dir_.empty() && !HasFailure()) {
      fs::remove_all(kiosk_dir_);
    }
  }

  // A kiosk against the shared stack; `session_toml` sets the idle times.
  KioskProcess& start_kiosk(const std::string& name, const std::string& session_toml,
                            const std::string& more_toml = {}) {
    const std::string csca = std::string(KIOSK_BINARY_DIR) + "/sandbox/vcard/pki/csca";
    const auto config =
        write_test_config(name,
                          "[api]\nbase_url = \"" + sandbox_->url() + "\"\nbearer_token = \"" + kSandboxToken +
                              "\"\n\n" + "[session]\n" + session_toml + "\n" + more_toml,
                          "camera = \"dir:" + qr_dir_.string() + "\"\ncsca_dir = \"" + csca + "\"\n");
    kiosk_dir_ = config.parent_path();
    fs::create_directories(kiosk_dir_ / "tmp");
    kiosk_ = std::make_unique<KioskProcess>(
        *display_, config, std::vector<std::string>{"TMPDIR=" + (kiosk_dir_ / "tmp").string()});
    return *kiosk_;
  }

  std::unique_ptr<VirtualCardProcess> insert_card(std::vector<std::string> extra = {}) {
    std::vector<std::string> args{"--citizen", citizen_.id};
    args.insert(args.end(), extra.begin(), extra.end());
    return std::make_unique<VirtualCardProcess>(*pcscd_, args);
  }

  void shot(const std::string& name) {
    const auto file = artifact_dir() / ("safety_" + name + ".png");
    EXPECT_EQ(kiosk_->command("screenshot " + file.string()).rfind("ok", 0), 0u) << name;
  }

  [[nodiscard]] std::string widgets() { return kiosk_->command("widgets") + " "; }
  [[nodiscard]] bool has_widget(const std::string& id) {
    return widgets().find(" " + id + " ") != std::string::npos;
  }
  // Polls the widgets on screen until `id` is there (or gone), for up to
  // `limit`; an id ending in '.' stands for any widget of that family.
  bool wait_widget(const std::string& id, std::chrono::milliseconds limit, bool present = true) {
    const auto end = std::chrono::steady_clock::now() + limit;
    do {
      const bool shown = id.back() == '.' ? widgets().find(" " + id) != std::string::npos : has_widget(id);
      if (shown == present) {
        return true;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    } while (std::chrono::steady_clock::now() < end);
    return false;
  }

  // Chip read through the reader after the QR: identify → reading → consent.
  void identify_with_chip() {
    ASSERT_EQ(kiosk_->command("wait-screen consent 60000", 70000), "ok") << kiosk_->stderr_text();
    ASSERT_TRUE(kiosk_->ok("tap consent_accept"));
    ASSERT_EQ(kiosk_->command("wait-screen home"), "ok");
  }

  // Nothing of the citizen under the kiosk's directory: data, receipts,
  // temporary files, its log.
  void expect_nothing_on_disk(const std::string& when) {
    for (const auto& entry : fs::recursive_directory_iterator(kiosk_dir_)) {
      if (!entry.is_regular_file()) {
        continue;
      }
      std::ifstream in(entry.path(), std::ios::binary);
      const std::string bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
      EXPECT_EQ(bytes.find(citizen_.name), std::string::npos) << when << ": name in " << entry.path();
      EXPECT_EQ(bytes.find(citizen_.id), std::string::npos) << when << ": ID number in " << entry.path();
    }
  }

  static std::unique_ptr<PrivatePcscd> pcscd_;
  static std::unique_ptr<SandboxProcess> sandbox_;
  static std::unique_ptr<VirtualDisplay> display_;
  static fs::path shared_dir_;
  static fs::path qr_dir_;
  static fs::path staff_file_;
  static Citizen citizen_;

  std::unique_ptr<KioskProcess> kiosk_;
  fs::path kiosk_dir_;
};

std::unique_ptr<PrivatePcscd> KioskSafetyJourney::pcscd_;
std::unique_ptr<SandboxProcess> KioskSafetyJourney::sandbox_;
std::unique_ptr<VirtualDisplay> KioskSafetyJourney::display_;
fs::path KioskSafetyJourney::shared_dir_;
fs::path KioskSafetyJourney::qr_dir_;
fs::path KioskSafetyJourney::staff_file_;
Citizen KioskSafetyJourney::citizen_;

std::string run_output(const std::string& command_line) {
  std::string out;
  FILE* pipe = popen(command_line.c_str(), "r");
  if (pipe == nullptr) {
    return out;
  }
  char buffer[4096];
  for (std::size_t n; (n = fread(buffer, 1, sizeof buffer, pipe)) > 0;) {
    out.append(buffer, n);
  }
  pclose(pipe);
  return out;
}

TEST_F(KioskSafetyJourney, CardAlreadyInTheReaderLeavesAttractWithoutATouch) {
  const auto card = insert_card();
  KioskProcess& kiosk = start_kiosk("card-at-start", "idle_warning_seconds = 120\n");
  // No tap at all: the card lying on the reader and its QR in front of the
  // camera take the person from attract to the consent question.
  ASSERT_NO_FATAL_FAILURE(identify_with_chip());
  shot("card_at_start_home");
  ASSERT_TRUE(kiosk.ok("tap end"));
  ASSERT_EQ(kiosk.command("wait-screen session_ended"), "ok");
  expect_nothing_on_disk("after end");
}

// The kiosk's heap after a session that loaded the vault: freed blocks are
// zeroed (operator delete, and libcurl's own allocations), so neither the
// name nor the ID number is left anywhere.
TEST_F(KioskSafetyJourney, NothingOfTheCitizenStaysInMemoryAfterTheWipe) {
  const auto card = insert_card();
  KioskProcess& kiosk = start_kiosk("memory", "idle_warning_seconds = 120\n");
  ASSERT_NO_FATAL_FAILURE(identify_with_chip());
  ASSERT_TRUE(kiosk.ok("tap open_vault"));
  ASSERT_TRUE(wait_widget("vault.", std::chrono::seconds(30))) << widgets();
  ASSERT_TRUE(kiosk.ok("tap end"));
  ASSERT_EQ(kiosk.command("wait-screen session_ended"), "ok");
  EXPECT_FALSE(memory_contains(kiosk.pid(), citizen_.name)) << "name in memory";
  EXPECT_FALSE(memory_contains(kiosk.pid(), citizen_.id)) << "ID number in memory";
}

TEST_F(KioskSafetyJourney, IdleWarnsOnceThenWipesMidApplication) {
  KioskProcess& kiosk = start_kiosk(
      "idle", "idle_warning_seconds = 6\nidle_countdown_seconds = 20\nended_screen_seconds = 2\n");
  ASSERT_EQ(kiosk.command("wait-screen attract"), "ok") << kiosk.stderr_text();
  const auto card = insert_card();
  ASSERT_NO_FATAL_FAILURE(identify_with_chip());
  ASSERT_TRUE(kiosk.ok("tap new_application"));
  ASSERT_EQ(kiosk.command("screen"), "screen procedure_search");
  ASSERT_TRUE(kiosk.ok("tap field.procedure_query"));
  ASSERT_TRUE(kiosk.ok("type ho tich"));
  shot("idle_typing");

  // No touch: the warning with its countdown comes over the screen.
  ASSERT_TRUE(wait_widget("still_here", std::chrono::seconds(20))) << kiosk.stderr_text();
  shot("idle_warning");
  const std::string answer = kiosk.command("tap still_here");
  ASSERT_EQ(answer.substr(0, 2), "ok") << answer;
  EXPECT_FALSE(has_widget("still_here"));
  EXPECT_EQ(kiosk.command("screen"), "screen procedure_search");

  // Idle again: this time the countdown runs out.
  ASSERT_TRUE(wait_widget("still_here", std::chrono::seconds(20)));
  ASSERT_EQ(kiosk.command("wait-screen session_ended 30000", 40000), "ok") << kiosk.stderr_text();
  shot("idle_ended");
  expect_nothing_on_disk("after the idle wipe");
  ASSERT_EQ(kiosk.command("wait-screen attract 10000", 15000), "ok");
  shot("idle_attract");
  expect_nothing_on_disk("back on attract");
}

TEST_F(KioskSafetyJourney, CardPulledMidReadThenReadAgainThenRemovedMidSession) {
  KioskProcess& kiosk = start_kiosk("pulled", "idle_warning_seconds = 120\nidle_countdown_seconds = 20\n");
  ASSERT_EQ(kiosk.command("wait-screen attract"), "ok") << kiosk.stderr_text();
  {
    // The card leaves the reader after a few APDUs of the chip read.
    const auto card = insert_card({"--remove-after", "10"});
    ASSERT_TRUE(card::testing::wait_for([&] { return !pcscd_->card_present(); }, std::chrono::seconds(60)))
        << kiosk.stderr_text();
  }
  ASSERT_EQ(kiosk.command("wait-screen identify 30000", 60000), "ok") << kiosk.stderr_text();
  EXPECT_TRUE(wait_widget("error_dismiss", std::chrono::seconds(5))) << widgets();
  shot("pulled_mid_read");
  EXPECT_FALSE(has_widget("consent_accept"));

  // The card back in: the read starts again by itself and succeeds.
  auto card = insert_card();
  ASSERT_NO_FATAL_FAILURE(identify_with_chip());

  // Pulled while the session goes on: the kiosk asks before wiping.
  card->remove();
  ASSERT_TRUE(wait_widget("card_end", std::chrono::seconds(10))) << kiosk.stderr_text();
  EXPECT_TRUE(has_widget("card_continue"));
  EXPECT_EQ(kiosk.command("screen"), "screen home");
  shot("removed_mid_session");
  ASSERT_TRUE(kiosk.ok("tap card_end"));
  ASSERT_EQ(kiosk.command("wait-screen session_ended"), "ok");
  shot("removed_ended");
  expect_nothing_on_disk("after the card-removed wipe");
}

TEST_F(KioskSafetyJourney, StaffConfirmQrOnlyIdentityAndTypeForTheCitizen) {
  KioskProcess& kiosk = start_kiosk("staff", "idle_warning_seconds = 120\n",
                                    "[staff]\nfile = \"" + staff_file_.string() + "\"\n");
  ASSERT_EQ(kiosk.command("wait-screen attract"), "ok") << kiosk.stderr_text();
  ASSERT_TRUE(kiosk.ok("tap start"));
  ASSERT_EQ(kiosk.command("screen"), "screen identify");

  // The QR alone identifies nobody for the vault: the kiosk stays on identify.
  std::this_thread::sleep_for(std::chrono::seconds(2));
  EXPECT_EQ(kiosk.command("screen"), "screen identify");
  EXPECT_FALSE(has_widget("consent_accept"));
  EXPECT_FALSE(has_widget("open_vault"));
  shot("staff_qr_only");

  // Staff sign in at the kiosk and find the QR identity waiting for them.
  bool awaiting = false;
  for (int attempt = 0; attempt < 50 && !awaiting; ++attempt) {
    ASSERT_TRUE(kiosk.ok("tap call_staff"));
    if (kiosk.command("screen") == "screen staff_login") {
      shot("staff_login");
      ASSERT_TRUE(kiosk.ok("tap field.staff_id"));
      ASSERT_TRUE(kiosk.ok(std::string("type ") + kStaffId));
      ASSERT_TRUE(kiosk.ok("tap field.staff_pin"));
      ASSERT_TRUE(kiosk.ok(std::string("type ") + kStaffPin));
      ASSERT_TRUE(kiosk.ok("tap key.done"));
      ASSERT_TRUE(kiosk.ok("tap staff_sign_in"));
      ASSERT_TRUE(wait_widget("staff_sign_out", std::chrono::seconds(10))) << kiosk.stderr_text();
    }
    awaiting = kiosk.command("screen") == "screen await_staff";
    if (!awaiting) {
      std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }
  }
  ASSERT_TRUE(awaiting) << kiosk.stderr_text();
  EXPECT_TRUE(has_widget("staff_sign_out"));
  shot("staff_bar_await");
  ASSERT_TRUE(kiosk.ok("tap staff_confirm"));
  ASSERT_EQ(kiosk.command("wait-screen consent"), "ok");
  ASSERT_TRUE(kiosk.ok("tap consent_accept"));
  ASSERT_EQ(kiosk.command("wait-screen home"), "ok");
  ASSERT_TRUE(kiosk.ok("tap open_vault"));
  ASSERT_EQ(kiosk.command("screen"), "screen vault");
  EXPECT_TRUE(wait_widget("vault.", std::chrono::seconds(30))) << widgets();

  // Staff type for the citizen, under the staff bar.
  ASSERT_TRUE(kiosk.ok("tap field.vault_query"));
  ASSERT_TRUE(kiosk.ok("type giay"));
  ASSERT_TRUE(kiosk.ok("tap key.done"));
  EXPECT_TRUE(has_widget("staff_sign_out"));
  shot("staff_typing");
  ASSERT_TRUE(kiosk.ok("tap staff_sign_out"));
  EXPECT_FALSE(has_widget("staff_sign_out"));
  ASSERT_TRUE(kiosk.ok("tap end"));
  ASSERT_EQ(kiosk.command("wait-screen session_ended"), "ok");
  expect_nothing_on_disk("after the staff session");

  const std::string audit_tool = std::string(KIOSK_BINARY_DIR) + "/bin/kiosk-audit";
  const std::string db = (kiosk_dir_ / "data" / "audit.db").string();
  EXPECT_NE(run_output(audit_tool + " verify --db " + db).find("chain intact"), std::string::npos);
  const std::string log = run_output(audit_tool + " list --db " + db);
  for (const char* action : {"staff_sign_in", "staff_confirm_identity", "staff_sign_out"}) {
    EXPECT_NE(log.find(action), std::string::npos) << action << " missing from\n" << log;
  }
  EXPECT_EQ(log.find(citizen_.id), std::string::npos) << log;
  EXPECT_EQ(log.find(citizen_.name), std::string::npos) << log;
  EXPECT_EQ(log.find(kStaffName), std::string::npos) << log;
}

}  // namespace
}  // namespace kiosk::test
