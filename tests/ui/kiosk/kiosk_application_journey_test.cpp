// Whole application journeys through the real stack: kiosk-sandbox over
// HTTP, a private pcscd with vpcd and kiosk-vcard, the card's QR replayed as
// camera pictures, SANE's test backend as the scanner, the PDF receipt
// printer, and the kiosk binary driven through --automation. Each journey
// ends with the session wiped and checks that the citizen's name and ID are
// gone from the kiosk's memory and from its data and temporary files.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <chrono>
#include <filesystem>
#include <memory>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "drivers/pdf/signature_verifier.hpp"
#include "test_pki.hpp"
#include "tests/integration/card/private_pcscd.hpp"
#include "tests/ui/kiosk/journey_stack.hpp"
#include "tests/ui/kiosk/kiosk_harness.hpp"

namespace kiosk::test {
namespace {

using nlohmann::json;
namespace fs = std::filesystem;

// Demo citizens (sandbox/demo): both cards use BAC.
constexpr std::size_t kNguyenVanAn = 0;  // vault: G01, G02, G03 (one expired), G06, G08, G15
constexpr std::size_t kVoVanThanh = 4;   // vault: G04, G09, G11, G15

constexpr const char* kDeathRegistration = "1.000656.000.00.00.H34";       // tp2 G11, tp3 G01|G15
constexpr const char* kMarriageRegistration = "1.000894.000.00.00.H34";    // tp2 G03, tp3 G01|G15
constexpr const char* kSignatureCertification = "2.000884.000.00.00.H34";  // tp1 G01, tp2 G17

constexpr const char* kVaultNote = "Dữ liệu được lấy từ kho số hóa";
constexpr const char* kSigner = "Kiosk TTHC 01";

class ApplicationJourney : public ::testing::Test {
 protected:
  void TearDown() override {
    kiosk_.reset();
    card_.reset();
    sandbox_.reset();
    // A failed journey keeps its logs, state and pictures for a look.
    std::error_code error;
    for (const auto& dir : {run_dir_, work_dir_}) {
      if (!dir.empty() && !HasFailure()) {
        fs::remove_all(dir, error);
      }
    }
  }

  // Starts the stack for demo citizen `citizen`.
  void start(std::size_t citizen) {
    citizen_ = demo_citizen(citizen);
    std::string pattern = (fs::temp_directory_path() / "kiosk-application-").string() + std::string(6, 'X');
    ASSERT_NE(mkdtemp(pattern.data()), nullptr);
    work_dir_ = pattern;
    pcscd_ = std::make_unique<card::testing::PrivatePcscd>();
    sandbox_ = std::make_unique<SandboxProcess>(
        std::vector<std::string>{"--state", (work_dir_ / "sandbox.db").string()});
    std::string qr_id;
    const auto camera = write_card_qr(work_dir_ / "camera", qr_id, citizen);
    ASSERT_EQ(qr_id, citizen_.id);
    card_ = std::make_unique<card::testing::VirtualCardProcess>(
        *pcscd_, std::vector<std::string>{"--citizen", citizen_.id});
    pki_ = pdf::testing::make_test_pki(work_dir_ / "pki", kSigner);
    write_sane_test_config(work_dir_ / "sane");
    fs::create_directories(work_dir_ / "tmp");

    const std::string bin = KIOSK_BINARY_DIR;
    const std::string api = "[api]\nbase_url = \"" + sandbox_->url() + "\"\nbearer_token = \"" +
                            kSandboxToken + "\"\nresend_pending_seconds = 1\ndocument_trust = \"" + bin +
                            "/sandbox/pki/gcc-root-ca.pem\"\n\n[session]\nidle_warning_seconds = 600\n"
                            "ended_screen_seconds = 1\n";
    const std::string devices = "camera = \"dir:" + camera.string() + "\"\ncsca_dir = \"" + bin +
                                "/sandbox/vcard/pki/csca\"\nscanner = \"sane:test:0\"\nsign_key = \"" +
                                pki_.device_key.string() + "\"\nsign_cert = \"" + pki_.device_pem.string() +
                                "\"\nkiosk_name = \"" + kSigner + "\"\nprinter = \"pdf\"\n";
    const auto config = write_test_config("application", api, devices);
    run_dir_ = config.parent_path();
    display_ = std::make_unique<VirtualDisplay>();
    kiosk_ = std::make_unique<KioskProcess>(
        *display_, config,
        std::vector<std::string>{"SANE_CONFIG_DIR=" + (work_dir_ / "sane").string(),
                                 "TMPDIR=" + (work_dir_ / "tmp").string(),
                                 "LSAN_OPTIONS=suppressions=" + std::string(KIOSK_SOURCE_DIR) +
                                     "/tests/lsan.supp:print_suppressions=0"});
  }

  // One automation command that must succeed; the limits are generous
  // because a sanitized kiosk on a busy CI machine is slow.
  void step(const std::string& command, int timeout_ms = 120000) {
    const std::string answer = kiosk_->command(command, timeout_ms);
    ASSERT_EQ(answer.rfind("ok", 0), 0u) << command << " -> " << answer << "\n"
                                         << kiosk_->command("widgets") << "\n"
                                         << kiosk_->stderr_text();
  }

  void shot(const std::string& name) {
    step("screenshot " + (artifact_dir() / ("application_" + name + ".png")).string());
  }

  std::string widgets() { return kiosk_->command("widgets", 120000) + " "; }

  // Waits until widget `id` is on screen (data arriving off the UI thread).
  void wait_widget(const std::string& id, int seconds = 60) {
    for (int i = 0; i < seconds * 10; ++i) {
      if (widgets().find(" " + id + " ") != std::string::npos) {
        return;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    FAIL() << "widget " << id << " never appeared; " << kiosk_->command("screen") << "; " << widgets() << "\n"
           << kiosk_->stderr_text();
  }

  void expect_screen(const std::string& screen) { ASSERT_EQ(kiosk_->command("screen"), "screen " + screen); }

  void tap_to(const std::string& widget, const std::string& screen, int timeout_ms = 60000) {
    ASSERT_NO_FATAL_FAILURE(step("tap " + widget));
    ASSERT_NO_FATAL_FAILURE(
        step("wait-screen " + screen + " " + std::to_string(timeout_ms), timeout_ms + 10000));
  }

  // Drags the screen's content up until widget `id` is on screen, as a
  // person scrolls to a button below the fold.
  void reveal(const std::string& id) {
    static const std::set<std::string> kChrome = {"audio", "back", "call_staff", "end", "lang", "large_text"};
    for (int i = 0; i < 10; ++i) {
      const std::string on_screen = widgets();
      if (on_screen.find(" " + id + " ") != std::string::npos) {
        return;
      }
      std::string anchor;
      std::istringstream words(on_screen);
      for (std::string word; words >> word && anchor.empty();) {
        if (word != "widgets" && kChrome.count(word) == 0 && word.rfind("field.", 0) != 0) {
          anchor = word;
        }
      }
      ASSERT_FALSE(anchor.empty()) << "nothing to drag on " << on_screen;
      ASSERT_NO_FATAL_FAILURE(step("drag " + anchor + " -250"));
    }
    FAIL() << id << " is not on screen after scrolling: " << widgets();
  }

  // Card on the reader at start -> card QR + chip -> consent -> home -> the
  // procedure's components.
  void identify_and_pick(const std::string& procedure, const std::string& query, const std::string& prefix) {
    // A loaded CI machine may take a while to start a sanitized kiosk.
    ASSERT_NO_FATAL_FAILURE(step("wait-screen consent 90000", 100000));
    ASSERT_NO_FATAL_FAILURE(shot(prefix + "_01_consent"));
    ASSERT_NO_FATAL_FAILURE(tap_to("consent_accept", "home"));
    ASSERT_NO_FATAL_FAILURE(shot(prefix + "_03_home"));
    ASSERT_NO_FATAL_FAILURE(tap_to("new_application", "procedure_search"));
    ASSERT_NO_FATAL_FAILURE(step("tap field.procedure_query"));
    ASSERT_NO_FATAL_FAILURE(step("type " + query));
    ASSERT_NO_FATAL_FAILURE(step("tap key.done"));
    ASSERT_NO_FATAL_FAILURE(wait_widget("procedure." + procedure));
    ASSERT_NO_FATAL_FAILURE(shot(prefix + "_04_procedures"));
    ASSERT_NO_FATAL_FAILURE(tap_to("procedure." + procedure, "components"));
    ASSERT_NO_FATAL_FAILURE(shot(prefix + "_05_components"));
    // A procedure with several cases asks which applies; these journeys take the first.
    if (widgets().find(" case.c2 ") != std::string::npos) {
      ASSERT_NO_FATAL_FAILURE(step("tap case.c1"));
    }
  }

  // Scans component `id` with the SANE test backend and returns to the list.
  void scan_component(const std::string& id, const std::string& prefix) {
    ASSERT_NO_FATAL_FAILURE(reveal("component." + id + ".scan"));
    ASSERT_NO_FATAL_FAILURE(tap_to("component." + id + ".scan", "scan"));
    ASSERT_NO_FATAL_FAILURE(wait_widget("scan_confirm", 120));
    ASSERT_NO_FATAL_FAILURE(shot(prefix + "_scan_done"));
    ASSERT_NO_FATAL_FAILURE(tap_to("scan_confirm", "components"));
  }

  // Components -> applicant details -> delivery with a phone contact -> review -> submit.
  void complete_and_submit(const std::string& prefix) {
    ASSERT_NO_FATAL_FAILURE(shot(prefix + "_06_components_filled"));
    ASSERT_NO_FATAL_FAILURE(reveal("components_done"));
    ASSERT_NO_FATAL_FAILURE(tap_to("components_done", "applicant_details"));
    ASSERT_NO_FATAL_FAILURE(shot(prefix + "_07_applicant"));
    ASSERT_NO_FATAL_FAILURE(reveal("applicant_done"));
    ASSERT_NO_FATAL_FAILURE(tap_to("applicant_done", "delivery"));
    ASSERT_NO_FATAL_FAILURE(step("tap contact_consent"));
    ASSERT_NO_FATAL_FAILURE(step("tap field.phone"));
    ASSERT_NO_FATAL_FAILURE(step("type 0905123456"));
    ASSERT_NO_FATAL_FAILURE(step("tap key.done"));
    ASSERT_NO_FATAL_FAILURE(shot(prefix + "_08_delivery"));
    ASSERT_NO_FATAL_FAILURE(reveal("delivery_done"));
    ASSERT_NO_FATAL_FAILURE(tap_to("delivery_done", "review"));
    ASSERT_NO_FATAL_FAILURE(shot(prefix + "_09_review"));
    ASSERT_NO_FATAL_FAILURE(reveal("submit"));
    ASSERT_NO_FATAL_FAILURE(step("tap submit"));
    ASSERT_NO_FATAL_FAILURE(step("wait-screen receipt 120000", 130000));
    ASSERT_NO_FATAL_FAILURE(wait_widget("receipt_next"));
    ASSERT_NO_FATAL_FAILURE(shot(prefix + "_10_receipt"));
  }

  // Receipt -> rating -> wiped back to attract; nothing personal remains.
  void rate_and_check_wipe(const std::string& prefix) {
    ASSERT_NO_FATAL_FAILURE(tap_to("receipt_next", "rating"));
    ASSERT_NO_FATAL_FAILURE(shot(prefix + "_11_rating"));
    ASSERT_NO_FATAL_FAILURE(tap_to("rate.5", "session_ended"));
    ASSERT_NO_FATAL_FAILURE(step("wait-screen attract 60000", 70000));
    ASSERT_NO_FATAL_FAILURE(step("settle"));
    ASSERT_NO_FATAL_FAILURE(shot(prefix + "_12_attract_after_wipe"));
    expect_no_personal_data();
    expect_log_without_personal_data();
  }

  // The kiosk's log (journald on a device, stderr here: the same lines)
  // names no person, ID number, address or dossier code of the journey.
  void expect_log_without_personal_data() {
    const std::string log = kiosk_->stderr_text();
    ASSERT_FALSE(log.empty()) << "the kiosk logged nothing: the check would prove nothing";
    EXPECT_EQ(log.find(citizen_.full_name), std::string::npos) << "name in the log";
    EXPECT_EQ(log.find(citizen_.id), std::string::npos) << "ID number in the log";
    EXPECT_EQ(log.find(citizen_.id.substr(3)), std::string::npos) << "chip access number in the log";
    for (const auto& dossier : submitted_dossiers()) {
      const std::string code = dossier.value("dossier_code", "");
      EXPECT_TRUE(code.empty() || log.find(code) == std::string::npos) << "dossier code in the log";
      const std::string address = dossier.at("owner").value("address", "");
      EXPECT_TRUE(address.empty() || log.find(address) == std::string::npos) << "address in the log";
    }
  }

  void expect_no_personal_data() {
    // A pending application is decrypted again at each delivery attempt; what
    // must hold is that nothing stays between attempts.
    EXPECT_FALSE(memory_contains_between_deliveries(*kiosk_, citizen_.full_name))
        << "name left in the kiosk's memory";
    EXPECT_FALSE(memory_contains_between_deliveries(*kiosk_, citizen_.id))
        << "ID number left in the kiosk's memory";
    for (const auto& dir : {run_dir_ / "data", work_dir_ / "tmp"}) {
      for (const auto& needle : {citizen_.full_name, citizen_.id}) {
        const auto files = files_containing(dir, needle);
        EXPECT_TRUE(files.empty()) << "personal data in clear in " << files.front();
      }
    }
  }

  // The printer's output for this session: at least one non-empty file.
  void expect_receipt_printed() {
    bool printed = false;
    for (int i = 0; i < 300 && !printed; ++i) {
      std::error_code error;
      for (const auto& entry : fs::directory_iterator(run_dir_ / "receipts", error)) {
        const auto ext = entry.path().extension();
        printed = printed || ((ext == ".pdf" || ext == ".png") && entry.file_size() > 0);
      }
      if (!printed) {
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
      }
    }
    EXPECT_TRUE(printed) << "no receipt in " << (run_dir_ / "receipts");
  }

  json get_json(const std::string& path) {
    const auto answer = sandbox_->request("GET", path);
    EXPECT_EQ(answer.status, 200) << path << ": " << answer.body;
    return answer.status == 200 ? json::parse(answer.body) : json::object();
  }

  // Every dossier of the citizen that the sandbox accepted a submit for.
  std::vector<json> submitted_dossiers() {
    std::set<std::string> ids;
    const json journal = get_json("/_sandbox/requests");
    for (const auto& request : journal.at("requests")) {
      const std::string path = request.at("path");
      const std::string suffix = "/submit";
      if (request.at("method") == "POST" && request.at("status").get<int>() / 100 == 2 &&
          path.rfind("/v1/dossiers/", 0) == 0 && path.size() > suffix.size() &&
          path.compare(path.size() - suffix.size(), suffix.size(), suffix) == 0) {
        ids.insert(path.substr(13, path.size() - 13 - suffix.size()));
      }
    }
    std::vector<json> dossiers;
    for (const auto& id : ids) {
      json dossier = get_json("/v1/dossiers/" + id);
      if (dossier.contains("owner") && dossier.at("owner").at("id") == citizen_.id) {
        dossiers.push_back(std::move(dossier));
      }
    }
    return dossiers;
  }

  std::size_t status_count() {
    return get_json("/v1/citizens/" + citizen_.id + "/dossiers").value("dossiers", json::array()).size();
  }

  static const json& component(const json& dossier, const std::string& id) {
    for (const auto& c : dossier.at("components")) {
      if (c.at("id") == id) {
        return c;
      }
    }
    throw std::runtime_error("dossier has no component " + id);
  }

  void expect_vault_attachment(const json& dossier, const std::string& component_id,
                               const std::string& item) {
    const json& attachment = component(dossier, component_id).at("attachment");
    ASSERT_TRUE(attachment.is_object()) << component_id << " not attached";
    EXPECT_EQ(attachment.at("source"), "vault");
    EXPECT_EQ(attachment.value("item_code", ""), item);
    EXPECT_EQ(attachment.at("note"), kVaultNote);
  }

  // The bytes of an uploaded component, from the sandbox's SQLite state.
  std::vector<std::uint8_t> uploaded_bytes(const std::string& upload_id) {
    sqlite3* db = nullptr;
    std::vector<std::uint8_t> bytes;
    if (sqlite3_open_v2((work_dir_ / "sandbox.db").c_str(), &db, SQLITE_OPEN_READONLY, nullptr) !=
        SQLITE_OK) {
      sqlite3_close(db);
      ADD_FAILURE() << "cannot open the sandbox state";
      return bytes;
    }
    sqlite3_stmt* statement = nullptr;
    sqlite3_prepare_v2(db, "SELECT data FROM upload_chunk WHERE upload_id = ? ORDER BY offset", -1,
                       &statement, nullptr);
    sqlite3_bind_text(statement, 1, upload_id.c_str(), -1, SQLITE_TRANSIENT);
    while (sqlite3_step(statement) == SQLITE_ROW) {
      const auto* data = static_cast<const std::uint8_t*>(sqlite3_column_blob(statement, 0));
      bytes.insert(bytes.end(), data, data + sqlite3_column_bytes(statement, 0));
    }
    sqlite3_finalize(statement);
    sqlite3_close(db);
    return bytes;
  }

  void expect_signed_upload(const json& dossier, const std::string& component_id) {
    const json& attachment = component(dossier, component_id).at("attachment");
    ASSERT_TRUE(attachment.is_object()) << component_id << " not attached";
    EXPECT_EQ(attachment.at("source"), "upload");
    const auto bytes = uploaded_bytes(attachment.value("upload_id", ""));
    ASSERT_FALSE(bytes.empty());
    EXPECT_EQ(bytes.size(), attachment.at("file").at("size").get<std::size_t>());
    auto trust = pdf::TrustStore::from_pem_file(pki_.ca_pem.string());
    ASSERT_TRUE(trust);
    auto check = pdf::verify_pdf_signature(bytes, trust.value());
    ASSERT_TRUE(check) << "uploaded scan is not a readable PDF";
    EXPECT_TRUE(check->valid) << check->detail;
    EXPECT_TRUE(check->covers_whole_document);
    EXPECT_EQ(check->sub_filter, "/ETSI.CAdES.detached");
    EXPECT_EQ(check->signer_common_name, kSigner);
  }

  // The vault code of the citizen's item of catalogue entry `catalog`
  // (G15, G01, ...), from the sandbox.
  std::string vault_code(const std::string& catalog) {
    const json vault = get_json("/v1/citizens/" + citizen_.id + "/vault");
    for (const auto& item : vault.at("items")) {
      if (item.at("catalog").at("code") == catalog && !item.value("revoked", false)) {
        return item.at("code");
      }
    }
    ADD_FAILURE() << "no " << catalog << " in the vault";
    return {};
  }

  DemoCitizen citizen_;
  fs::path run_dir_;   // the kiosk's configuration, data and receipts
  fs::path work_dir_;  // camera pictures, PKI, SANE configuration, TMPDIR, sandbox state
  pdf::testing::TestPki pki_;
  std::unique_ptr<card::testing::PrivatePcscd> pcscd_;
  std::unique_ptr<SandboxProcess> sandbox_;
  std::unique_ptr<card::testing::VirtualCardProcess> card_;
  std::unique_ptr<VirtualDisplay> display_;
  std::unique_ptr<KioskProcess> kiosk_;
};

// Death registration for Võ Văn Thành: his vault holds exactly one valid
// paper for the death notice (G11) and for the identity paper (G15), so both
// are attached without a question; only the declaration form is scanned.
TEST_F(ApplicationJourney, OneMatchIsAttachedAutomatically) {
  ASSERT_NO_FATAL_FAILURE(start(kVoVanThanh));
  ASSERT_NO_FATAL_FAILURE(identify_and_pick(kDeathRegistration, "khai tu", "auto"));
  // Each only match is attached once its file's signature verified; tp3
  // sits below the case choice and tp2.
  ASSERT_NO_FATAL_FAILURE(wait_widget("component.tp2.view"));
  EXPECT_EQ(widgets().find(" component.tp2.choose "), std::string::npos);
  ASSERT_NO_FATAL_FAILURE(reveal("component.tp3.view"));
  ASSERT_NO_FATAL_FAILURE(scan_component("tp1", "auto"));
  ASSERT_NO_FATAL_FAILURE(complete_and_submit("auto"));
  expect_receipt_printed();
  ASSERT_NO_FATAL_FAILURE(rate_and_check_wipe("auto"));

  EXPECT_EQ(status_count(), 1u);
  const auto dossiers = submitted_dossiers();
  ASSERT_EQ(dossiers.size(), 1u);
  const json& dossier = dossiers.front();
  EXPECT_EQ(dossier.at("procedure_code"), kDeathRegistration);
  EXPECT_NE(dossier.at("state"), "draft");
  // Pre-filled from the chip and sent unchanged.
  EXPECT_EQ(dossier.at("owner").at("full_name"), citizen_.full_name);
  expect_vault_attachment(dossier, "tp2", vault_code("G11"));
  expect_vault_attachment(dossier, "tp3", vault_code("G15"));
  expect_signed_upload(dossier, "tp1");
}

// Marriage registration for Nguyễn Văn An: two valid identity papers (G15
// certified copy, G01 card) fit tp3, so he chooses; he takes the second.
TEST_F(ApplicationJourney, CitizenChoosesAmongSeveral) {
  ASSERT_NO_FATAL_FAILURE(start(kNguyenVanAn));
  ASSERT_NO_FATAL_FAILURE(identify_and_pick(kMarriageRegistration, "ket hon", "choose"));
  // The expired G03 is no candidate: the valid one is attached alone.
  ASSERT_NO_FATAL_FAILURE(wait_widget("component.tp2.view"));
  // tp3 sits below the case choice and tp2.
  ASSERT_NO_FATAL_FAILURE(reveal("component.tp3.choose"));
  ASSERT_NO_FATAL_FAILURE(tap_to("component.tp3.choose", "choose_item"));
  std::vector<std::string> candidates;
  const std::string w = widgets();
  for (std::size_t at = w.find(" candidate."); at != std::string::npos; at = w.find(" candidate.", at + 1)) {
    const auto start = at + std::string(" candidate.").size();
    candidates.push_back(w.substr(start, w.find(' ', start) - start));
  }
  ASSERT_EQ(candidates.size(), 2u) << w;
  shot("choose_06_candidates");
  const std::string chosen = candidates[1];
  ASSERT_NO_FATAL_FAILURE(tap_to("candidate." + chosen, "document_preview"));
  ASSERT_NO_FATAL_FAILURE(wait_widget("preview_take"));
  shot("choose_07_preview");
  ASSERT_NO_FATAL_FAILURE(tap_to("preview_take", "components"));
  ASSERT_NO_FATAL_FAILURE(reveal("component.tp3.view"));
  ASSERT_NO_FATAL_FAILURE(scan_component("tp1", "choose"));
  ASSERT_NO_FATAL_FAILURE(complete_and_submit("choose"));
  ASSERT_NO_FATAL_FAILURE(rate_and_check_wipe("choose"));

  const auto dossiers = submitted_dossiers();
  ASSERT_EQ(dossiers.size(), 1u);
  expect_vault_attachment(dossiers.front(), "tp3", chosen);
  expect_vault_attachment(dossiers.front(), "tp2", vault_code("G03"));
}

// Signature certification for Nguyễn Văn An: his card (G01) is attached, the
// power of attorney (G17) is in nobody's vault, so it is scanned, signed by
// the kiosk and uploaded.
TEST_F(ApplicationJourney, MissingPaperIsScannedSignedAndUploaded) {
  ASSERT_NO_FATAL_FAILURE(start(kNguyenVanAn));
  ASSERT_NO_FATAL_FAILURE(identify_and_pick(kSignatureCertification, "chu ky", "scan"));
  ASSERT_NO_FATAL_FAILURE(wait_widget("component.tp1.view"));
  const std::string w = widgets();
  EXPECT_NE(w.find(" component.tp1.view "), std::string::npos) << w;
  EXPECT_NE(w.find(" component.tp2.scan "), std::string::npos) << w;
  ASSERT_NO_FATAL_FAILURE(scan_component("tp2", "scan"));
  EXPECT_NE(widgets().find(" component.tp2.remove "), std::string::npos) << "the scan did not fill tp2";
  ASSERT_NO_FATAL_FAILURE(complete_and_submit("scan"));
  ASSERT_NO_FATAL_FAILURE(rate_and_check_wipe("scan"));

  const auto dossiers = submitted_dossiers();
  ASSERT_EQ(dossiers.size(), 1u);
  expect_vault_attachment(dossiers.front(), "tp1", vault_code("G01"));
  expect_signed_upload(dossiers.front(), "tp2");
}

// The provincial API answers 503 at submit: the citizen gets a pending
// receipt with the local reference; once the API heals, the kiosk delivers
// the application from its outbox exactly once and the outbox empties.
TEST_F(ApplicationJourney, ApiDownGivesPendingReceiptThenDeliversOnce) {
  ASSERT_NO_FATAL_FAILURE(start(kNguyenVanAn));
  ASSERT_NO_FATAL_FAILURE(identify_and_pick(kSignatureCertification, "chu ky", "pending"));
  ASSERT_NO_FATAL_FAILURE(scan_component("tp2", "pending"));
  const auto down =
      sandbox_->request("PUT", "/_sandbox/faults",
                        R"({"faults":[{"kind":"status","status":503,"path_prefix":"/v1/dossiers"}]})");
  ASSERT_EQ(down.status, 200) << down.body;
  ASSERT_NO_FATAL_FAILURE(complete_and_submit("pending"));
  // The pending receipt shows the local reference, not a dossier code.
  EXPECT_EQ(status_count(), 0u);
  EXPECT_TRUE(submitted_dossiers().empty());
  expect_receipt_printed();
  ASSERT_NO_FATAL_FAILURE(rate_and_check_wipe("pending"));

  ASSERT_EQ(sandbox_->request("DELETE", "/_sandbox/faults").status, 200);
  std::size_t delivered = 0;
  for (int i = 0; i < 600 && delivered == 0; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    delivered = status_count();
  }
  ASSERT_EQ(delivered, 1u) << kiosk_->stderr_text();
  step("quit");
  EXPECT_EQ(kiosk_->wait_exit(), 0) << kiosk_->stderr_text();
  // Still once after the kiosk stopped, and nothing left to send.
  EXPECT_EQ(status_count(), 1u);
  const auto dossiers = submitted_dossiers();
  ASSERT_EQ(dossiers.size(), 1u);
  expect_signed_upload(dossiers.front(), "tp2");
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open_v2((run_dir_ / "data" / "outbox.db").c_str(), &db, SQLITE_OPEN_READONLY, nullptr),
            SQLITE_OK);
  sqlite3_stmt* statement = nullptr;
  ASSERT_EQ(sqlite3_prepare_v2(db, "SELECT count(*) FROM outbox", -1, &statement, nullptr), SQLITE_OK);
  ASSERT_EQ(sqlite3_step(statement), SQLITE_ROW);
  EXPECT_EQ(sqlite3_column_int(statement, 0), 0);
  sqlite3_finalize(statement);
  sqlite3_close(db);
  for (const auto& needle : {citizen_.full_name, citizen_.id}) {
    EXPECT_TRUE(files_containing(run_dir_ / "data", needle).empty());
  }
}

}  // namespace
}  // namespace kiosk::test
