#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "tests/ui/kiosk/kiosk_harness.hpp"

namespace kiosk::test {
namespace {

class KioskUi : public ::testing::Test {
 protected:
  VirtualDisplay display_;
};

TEST_F(KioskUi, AttractScreenSwitchesBetweenVietnameseAndEnglish) {
  KioskProcess kiosk(display_, write_test_config("attract"));
  ASSERT_EQ(kiosk.command("wait-screen attract"), "ok") << kiosk.stderr_text();
  const auto dir = artifact_dir();
  const auto vi = dir / "attract_vi.png";
  const auto en = dir / "attract_en.png";
  const auto vi_again = dir / "attract_vi_again.png";
  ASSERT_EQ(kiosk.command("screenshot " + vi.string()), "ok 1280x800");
  ASSERT_TRUE(kiosk.ok("tap lang"));
  ASSERT_EQ(kiosk.command("screen"), "screen attract");
  ASSERT_TRUE(kiosk.ok("screenshot " + en.string()));
  ASSERT_TRUE(kiosk.ok("tap lang"));
  ASSERT_TRUE(kiosk.ok("screenshot " + vi_again.string()));

  const auto vi_picture = load_png(vi);
  const auto en_picture = load_png(en);
  const auto vi_again_picture = load_png(vi_again);
  ASSERT_TRUE(vi_picture && en_picture && vi_again_picture);
  // Text was drawn (anti-aliased glyphs give many shades), the languages
  // differ, and switching back gives the very same frame.
  EXPECT_GT(colour_count(*vi_picture), 20u);
  EXPECT_GT(difference(*vi_picture, *en_picture), 0.001);
  EXPECT_EQ(difference(*vi_picture, *vi_again_picture), 0.0);
}

TEST_F(KioskUi, TappingAWidgetThatIsNotShownIsAnError) {
  KioskProcess kiosk(display_, write_test_config("missing"));
  ASSERT_EQ(kiosk.command("wait-screen attract"), "ok") << kiosk.stderr_text();
  EXPECT_EQ(kiosk.command("tap end"), "error no widget \"end\" on screen attract");
  EXPECT_EQ(kiosk.command("bogus"), "error unknown command \"bogus\"");
}

TEST_F(KioskUi, BadConfigurationStopsStartUpNamingTheKey) {
  KioskProcess kiosk(display_, write_test_config("bad", "[session]\nidle_warning_seconds = \"soon\"\n"));
  EXPECT_EQ(kiosk.wait_exit(), 2);
  EXPECT_NE(kiosk.stderr_text().find("session.idle_warning_seconds"), std::string::npos)
      << kiosk.stderr_text();
}

TEST_F(KioskUi, IdleSessionWarnsThenWipesAndReturnsToAttract) {
  KioskProcess kiosk(display_,
                     write_test_config("idle",
                                       "[session]\nidle_warning_seconds = 5\nidle_countdown_seconds = 10\n"
                                       "ended_screen_seconds = 2\n"));
  ASSERT_EQ(kiosk.command("wait-screen attract"), "ok") << kiosk.stderr_text();
  ASSERT_TRUE(kiosk.ok("tap start"));
  ASSERT_EQ(kiosk.command("screen"), "screen identify");
  // The warning offers "I'm still here"; answering it keeps the session.
  for (int i = 0; i < 200 && kiosk.command("widgets").find(" still_here") == std::string::npos; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  ASSERT_TRUE(kiosk.ok("screenshot " + (artifact_dir() / "idle_warning_vi.png").string()));
  const std::string answer = kiosk.command("tap still_here");
  ASSERT_EQ(answer.substr(0, 2), "ok") << answer;
  EXPECT_EQ(kiosk.command("screen"), "screen identify");
  EXPECT_EQ(kiosk.command("widgets").find(" still_here"), std::string::npos);
  // Left alone, the session ends, explains itself, then returns to attract.
  EXPECT_EQ(kiosk.command("wait-screen session_ended 30000", 40000), "ok");
  EXPECT_EQ(kiosk.command("wait-screen attract 30000", 40000), "ok");
}

TEST_F(KioskUi, OnScreenKeyboardTypesTheCardNumberWithTouches) {
  KioskProcess kiosk(display_, write_test_config("keyboard"));
  ASSERT_EQ(kiosk.command("wait-screen attract"), "ok") << kiosk.stderr_text();
  ASSERT_TRUE(kiosk.ok("tap start"));
  ASSERT_TRUE(kiosk.ok("tap no_qr"));
  ASSERT_EQ(kiosk.command("screen"), "screen chip_access");
  ASSERT_TRUE(kiosk.ok("tap field.id_number"));
  // A number field shows the digit pad only.
  const std::string keys = kiosk.command("widgets");
  EXPECT_NE(keys.find("key.7"), std::string::npos);
  EXPECT_EQ(keys.find("key.q"), std::string::npos);
  // In three parts, so that the whole number never sits in the automation
  // channel's own buffers: only the field may hold it.
  EXPECT_TRUE(kiosk.ok("type 0010"));
  EXPECT_TRUE(kiosk.ok("type 9000"));
  EXPECT_TRUE(kiosk.ok("type 0123"));
  EXPECT_NE(kiosk.command("type x"), "ok");  // no letter keys on a digit pad
  ASSERT_TRUE(kiosk.ok("tap key.done"));
  ASSERT_TRUE(kiosk.ok("screenshot " + (artifact_dir() / "chip_access_typed.png").string()));
  ASSERT_TRUE(kiosk.ok("tap end"));
  EXPECT_EQ(kiosk.command("screen"), "screen session_ended");
  // The typed number is gone from the process once the session is wiped.
  EXPECT_FALSE(memory_contains(kiosk.pid(), "001090000123"));
}

}  // namespace
}  // namespace kiosk::test
