// The vault document preview through the real stack: the citizen identifies
// with the virtual card, opens a vault paper served by kiosk-sandbox, and
// zooms and pans it with two fingers and one, as SDL touch events.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <sstream>
#include <string>
#include <thread>

#include "tests/integration/card/private_pcscd.hpp"
#include "tests/ui/kiosk/journey_stack.hpp"
#include "tests/ui/kiosk/kiosk_harness.hpp"

namespace kiosk::test {
namespace {

// "value 2.00" -> 2.0; -1 for an error answer.
double number_of(const std::string& answer) {
  if (answer.rfind("value ", 0) != 0) {
    return -1;
  }
  return std::strtod(answer.c_str() + 6, nullptr);
}

std::pair<double, double> offset_of(const std::string& answer) {
  std::istringstream in(answer.substr(answer.find(' ') + 1));
  double x = 0;
  double y = 0;
  in >> x >> y;
  return {x, y};
}

// Polls until the answer to `command` satisfies `done` (the vault and the
// pages arrive off the UI thread); the last answer.
template <typename Done>
std::string poll(KioskProcess& kiosk, const std::string& command, Done done) {
  std::string answer;
  for (int i = 0; i < 600; ++i) {
    answer = kiosk.command(command);
    if (done(answer)) {
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return answer;
}

Picture shot(KioskProcess& kiosk, const std::string& name) {
  const auto file = artifact_dir() / name;
  EXPECT_TRUE(kiosk.ok("screenshot " + file.string()));
  auto picture = load_png(file);
  EXPECT_TRUE(picture.has_value()) << file;
  return picture ? *picture : Picture{};
}

TEST(KioskPreview, PinchZoomsAndDragPansAVaultPaper) {
  card::testing::PrivatePcscd pcscd;  // PCSCLITE_CSOCK_NAME reaches the kiosk child
  SandboxProcess sandbox;
  const auto config_dir = std::filesystem::path(KIOSK_BINARY_DIR) / "tests-ui-preview";
  std::filesystem::remove_all(config_dir);
  std::string citizen_id;
  const auto qr_dir = write_card_qr(config_dir / "camera", citizen_id);
  card::testing::VirtualCardProcess card(pcscd, {"--citizen", citizen_id});

  const std::string build(KIOSK_BINARY_DIR);
  VirtualDisplay display;
  KioskProcess kiosk(
      display,
      write_test_config(
          "preview",
          "[api]\nbase_url = \"" + sandbox.url() + "\"\nbearer_token = \"" + std::string(kSandboxToken) +
              "\"\ndocument_trust = \"" + build + "/sandbox/pki/gcc-root-ca.pem\"\n",
          "camera = \"dir:" + qr_dir.string() + "\"\ncsca_dir = \"" + build + "/sandbox/vcard/pki/csca\"\n"));
  // The card is on the reader before the kiosk starts: the session starts by
  // itself, the QR gives the chip's key, and the chip is read.
  ASSERT_EQ(kiosk.command("wait-screen consent 60000", 70000), "ok") << kiosk.stderr_text();
  ASSERT_TRUE(kiosk.ok("tap consent_accept"));
  ASSERT_EQ(kiosk.command("wait-screen home"), "ok");
  ASSERT_TRUE(kiosk.ok("tap open_vault"));
  const std::string widgets =
      poll(kiosk, "widgets", [](const std::string& a) { return a.find(" vault.") != std::string::npos; });
  const auto row = widgets.find(" vault.");
  ASSERT_NE(row, std::string::npos) << widgets << "\n" << kiosk.stderr_text();
  const std::string item = widgets.substr(row + 1, widgets.find(' ', row + 1) - row - 1);
  ASSERT_TRUE(kiosk.ok("tap " + item));
  ASSERT_EQ(kiosk.command("wait-screen document_preview"), "ok");

  // The first page shows once the render thread delivered it.
  const std::string width_answer =
      poll(kiosk, "value preview.texture_width", [](const std::string& a) { return number_of(a) > 0; });
  ASSERT_GT(number_of(width_answer), 0) << width_answer << "\n" << kiosk.stderr_text();
  ASSERT_TRUE(kiosk.ok("settle"));
  EXPECT_EQ(kiosk.command("value preview.zoom"), "value 1.00");
  const double fit_width = number_of(kiosk.command("value preview.texture_width"));
  const double fit_height = number_of(kiosk.command("value preview.texture_height"));
  ASSERT_GT(fit_height, fit_width);  // a portrait page
  const Picture fit = shot(kiosk, "preview_fit.png");
  EXPECT_GT(colour_count(fit), 20u);  // text on the page

  // Two fingers spread to twice their distance: twice the zoom, and once the
  // gesture settled the page is rendered again at the new resolution, as far
  // as the one-page texture budget (16 MiB of RGBA) allows.
  const std::string pinched = kiosk.command("pinch preview.page 2");
  ASSERT_EQ(pinched.substr(0, 2), "ok") << pinched;
  EXPECT_NEAR(number_of(kiosk.command("value preview.zoom")), 2.0, 0.05);
  const std::string sharper = poll(kiosk, "value preview.texture_width",
                                   [&](const std::string& a) { return number_of(a) > 1.2 * fit_width; });
  constexpr double kPageBudget = 16.0 * 1024 * 1024;
  const double budget_width = std::sqrt(kPageBudget / 4 / (fit_height / fit_width));
  EXPECT_NEAR(number_of(sharper), std::min(2 * fit_width, budget_width), 2.0) << sharper;
  const double sharp_height = number_of(kiosk.command("value preview.texture_height"));
  EXPECT_LE(number_of(sharper) * sharp_height * 4, kPageBudget * 1.01);
  ASSERT_TRUE(kiosk.ok("settle"));
  const Picture zoomed = shot(kiosk, "preview_zoomed.png");
  EXPECT_GT(difference(fit, zoomed), 0.01);

  // One finger drags the zoomed page up: it pans, and glides a little on.
  const auto before = offset_of(kiosk.command("value preview.offset"));
  ASSERT_TRUE(kiosk.ok("drag preview.page -200"));
  ASSERT_TRUE(kiosk.ok("settle"));
  const auto after = offset_of(kiosk.command("value preview.offset"));
  EXPECT_GE(after.second, before.second + 150) << before.second << " -> " << after.second;
  EXPECT_NEAR(after.first, before.first, 1.0);
  const Picture panned = shot(kiosk, "preview_panned.png");
  EXPECT_GT(difference(zoomed, panned), 0.01);

  // Closing the fingers back zooms out; a pinch that starts on a button never
  // presses it.
  ASSERT_EQ(kiosk.command("pinch preview.page 0.5").substr(0, 2), "ok");
  EXPECT_NEAR(number_of(kiosk.command("value preview.zoom")), 1.0, 0.05);
  ASSERT_EQ(kiosk.command("pinch preview_report 1.5").substr(0, 2), "ok");
  EXPECT_EQ(kiosk.command("screen"), "screen document_preview");
  EXPECT_EQ(kiosk.command("pinch nowhere 2"), "error no widget \"nowhere\" on screen document_preview");
  EXPECT_TRUE(kiosk.ok("quit"));
}

}  // namespace
}  // namespace kiosk::test
