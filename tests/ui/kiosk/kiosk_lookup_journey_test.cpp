// Status lookup by the receipt's QR through the real stack: a dossier is
// submitted to kiosk-sandbox, its receipt QR is replayed as camera pictures,
// and the kiosk binary under Xvfb finds it without a key being typed; after
// "End" nothing of the dossier or its owner remains in the kiosk.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <thread>

#include "drivers/camera/image_file.hpp"
#include "drivers/qr/receipt_code.hpp"
#include "kiosk/api/submission_service.hpp"
#include "kiosk/store/key_wrapper.hpp"
#include "kiosk/store/outbox.hpp"
#include "test_images.hpp"
#include "tests/integration/api/fixture.hpp"
#include "tests/ui/kiosk/journey_stack.hpp"
#include "tests/ui/kiosk/kiosk_harness.hpp"

namespace kiosk::test {
namespace {

namespace fs = std::filesystem;

// The receipt's QR as the camera sees it: the status-lookup URL the kiosk
// prints, black modules on white paper in the middle of a 1280x720 frame.
fs::path write_receipt_qr(const fs::path& dir, const std::string& payload) {
  int size = 0;
  const auto modules = qr::testing::qr_modules(payload, size);
  constexpr int kWidth = 1280;
  constexpr int kHeight = 720;
  constexpr int kScale = 7;
  std::vector<std::uint8_t> pixels(static_cast<std::size_t>(kWidth) * kHeight, 0x70);
  const int side = (size + 8) * kScale;
  const int left = (kWidth - side) / 2;
  const int top = (kHeight - side) / 2;
  for (int y = 0; y < side; ++y) {
    for (int x = 0; x < side; ++x) {
      const int mx = x / kScale - 4;
      const int my = y / kScale - 4;
      const bool dark = mx >= 0 && my >= 0 && mx < size && my < size &&
                        modules[static_cast<std::size_t>(my * size + mx)] != 0;
      pixels[static_cast<std::size_t>((top + y) * kWidth + left + x)] = dark ? 0x10 : 0xf0;
    }
  }
  fs::create_directories(dir);
  if (!camera::write_png(dir / "receipt.png", kWidth, kHeight, 1, pixels)) {
    throw std::runtime_error("cannot write the receipt QR picture");
  }
  return dir;
}

std::vector<fs::path> files_holding(const fs::path& dir, const std::string& needle) {
  std::vector<fs::path> found;
  std::error_code error;
  for (const auto& entry : fs::recursive_directory_iterator(dir, error)) {
    if (!entry.is_regular_file()) {
      continue;
    }
    std::ifstream in(entry.path(), std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (bytes.find(needle) != std::string::npos) {
      found.push_back(entry.path());
    }
  }
  return found;
}

// The wipe runs on the kiosk's worker thread just after the screen changed.
bool gone_from_memory(int pid, const std::string& needle) {
  for (int i = 0; i < 100; ++i) {
    if (!memory_contains(pid, needle)) {
      return true;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return false;
}

bool sandbox_answered(const std::string& url, const std::string& path) {
  const auto journal = admin(url, "GET", "/_sandbox/requests");
  if (!journal.is_object() || !journal.contains("requests")) {
    return false;
  }
  for (const auto& r : journal["requests"]) {
    if (r.value("method", "") == "GET" && r.value("path", "") == path && r.value("status", 0) == 200) {
      return true;
    }
  }
  return false;
}

TEST(KioskLookupJourney, ReceiptQrShowsTheDossierFromTheSandboxThenNothingRemains) {
  SandboxProcess sandbox;
  ASSERT_FALSE(sandbox.url().empty());
  const fs::path work = fs::path(KIOSK_BINARY_DIR) / "tests-ui-lookup-journey";
  fs::remove_all(work);
  fs::create_directories(work);

  // A dossier that exists in the sandbox, submitted the way the kiosk does.
  std::string code;
  {
    api::CurlProvincialApi api(config_for(sandbox.url()));
    auto wrapper = store::FileKeyWrapper::open((work / "device.key").string());
    ASSERT_TRUE(wrapper.ok());
    auto outbox = store::Outbox::open((work / "outbox.db").string(), *wrapper);
    ASSERT_TRUE(outbox.ok());
    api::SubmissionService service(api, **outbox, nullptr, api::SubmissionOptions{.device_id = "K-LOOKUP"});
    auto receipt = service.submit(marriage_application(64 * 1024));
    ASSERT_TRUE(receipt.ok()) << receipt.error().detail;
    ASSERT_FALSE(receipt->pending);
    code = receipt->dossier_code;
  }
  fs::remove_all(work);
  const auto parsed = qr::parse_receipt_payload(code);
  ASSERT_TRUE(parsed) << code;
  const std::string owner_name = "Nguyễn Văn An";
  const auto camera_dir = write_receipt_qr(
      work / "camera", qr::receipt_lookup_url("https://dichvucong.example.gov.vn/tra-cuu", parsed.value()));

  VirtualDisplay display;
  const auto config = write_test_config(
      "lookup_journey",
      "[api]\nbase_url = \"" + sandbox.url() + "\"\nbearer_token = \"" + std::string(kSandboxToken) + "\"\n",
      "camera = \"dir:" + camera_dir.string() + "\"\n");
  KioskProcess kiosk(display, config);
  ASSERT_EQ(kiosk.command("wait-screen attract"), "ok") << kiosk.stderr_text();
  ASSERT_TRUE(kiosk.ok("tap lookup"));
  ASSERT_EQ(kiosk.command("wait-screen lookup_result 60000", 70000), "ok") << kiosk.stderr_text();
  ASSERT_TRUE(kiosk.ok("screenshot " + (artifact_dir() / "lookup_journey_result.png").string()));
  // The kiosk asked the sandbox for exactly this dossier and holds its answer.
  EXPECT_TRUE(sandbox_answered(sandbox.url(), "/v1/dossier-status/" + code));
  EXPECT_TRUE(memory_contains(kiosk.pid(), code));
  // Nobody identified at the kiosk: the owner's name is not shown (the
  // sandbox sent it, so it may still sit in a network buffer until "End").

  ASSERT_TRUE(kiosk.ok("tap end"));
  ASSERT_EQ(kiosk.command("screen"), "screen session_ended");
  ASSERT_TRUE(kiosk.ok("settle"));
  EXPECT_TRUE(gone_from_memory(kiosk.pid(), code)) << "dossier code left in the kiosk's memory";
  EXPECT_TRUE(gone_from_memory(kiosk.pid(), owner_name)) << "owner's name left in the kiosk's memory";
  EXPECT_TRUE(gone_from_memory(kiosk.pid(), kCitizen)) << "owner's ID number left in the kiosk's memory";
  for (const auto& needle : {code, owner_name, std::string(kCitizen)}) {
    EXPECT_TRUE(files_holding(config.parent_path(), needle).empty()) << needle << " written to disk";
  }
  EXPECT_TRUE(kiosk.ok("quit"));
}

}  // namespace
}  // namespace kiosk::test
