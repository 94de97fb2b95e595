// The whole identification journey through the real stack: kiosk-sandbox over
// HTTP, a private pcscd with vpcd and kiosk-vcard, the card's QR replayed as
// camera pictures, and the kiosk binary driven through --automation.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <thread>

#include "tests/integration/card/private_pcscd.hpp"
#include "tests/ui/kiosk/journey_stack.hpp"
#include "tests/ui/kiosk/kiosk_harness.hpp"

namespace kiosk::test {
namespace {

TEST(KioskJourney, CardAndQrOpenTheVaultFromTheSandbox) {
  card::testing::PrivatePcscd pcscd;  // PCSCLITE_CSOCK_NAME reaches the kiosk child
  SandboxProcess sandbox;
  const auto config_dir = std::filesystem::path(KIOSK_BINARY_DIR) / "tests-ui-journey";
  std::filesystem::remove_all(config_dir);
  std::string citizen_id;
  const auto qr_dir = write_card_qr(config_dir / "camera", citizen_id);
  card::testing::VirtualCardProcess card(pcscd, {"--citizen", citizen_id});

  const std::string csca = std::string(KIOSK_BINARY_DIR) + "/sandbox/vcard/pki/csca";
  VirtualDisplay display;
  KioskProcess kiosk(
      display, write_test_config("journey",
                                 "[api]\nbase_url = \"" + sandbox.url() +
                                     "\"\nbearer_token = \"" + std::string(kSandboxToken) + "\"\n",
                                 "camera = \"dir:" + qr_dir.string() + "\"\ncsca_dir = \"" + csca + "\"\n"));
  // The card is on the reader before the kiosk starts: the session starts by
  // itself, the QR gives the chip's key, and the chip is read.
  ASSERT_EQ(kiosk.command("wait-screen consent 60000", 70000), "ok") << kiosk.stderr_text();
  ASSERT_TRUE(kiosk.ok("screenshot " + (artifact_dir() / "journey_consent.png").string()));
  ASSERT_TRUE(kiosk.ok("tap consent_accept"));
  ASSERT_EQ(kiosk.command("wait-screen home"), "ok");
  ASSERT_TRUE(kiosk.ok("tap open_vault"));
  ASSERT_EQ(kiosk.command("screen"), "screen vault");
  // The vault arrives from the sandbox off the UI thread; its rows then show.
  std::string widgets;
  for (int i = 0; i < 300 && widgets.find(" vault.") == std::string::npos; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    widgets = kiosk.command("widgets");
  }
  EXPECT_NE(widgets.find(" vault."), std::string::npos) << widgets << "\n" << kiosk.stderr_text();
  ASSERT_TRUE(kiosk.ok("screenshot " + (artifact_dir() / "journey_vault.png").string()));
  EXPECT_TRUE(kiosk.ok("quit"));
}

}  // namespace
}  // namespace kiosk::test
