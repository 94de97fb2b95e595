#include <gtest/gtest.h>

#include "kiosk/core/session.hpp"

namespace kiosk {
namespace {

using namespace std::chrono_literals;

class AudioSession : public ::testing::Test {
 protected:
  Session session{IdlePolicy{60s, 20s, 8s}, [] { return CivilDate::from_ymd(2026, 11, 23); }};
  Session::Clock::time_point now = Session::Clock::time_point{} + 1000s;

  std::vector<Effect> act(const Intent& i) { return session.handle(i, now); }
  static std::vector<std::string> prompts(const std::vector<Effect>& effects) {
    std::vector<std::string> out;
    for (const auto& e : effects) {
      if (const auto* p = std::get_if<effect::PlayPrompt>(&e)) {
        out.push_back(p->prompt);
      }
    }
    return out;
  }
  static bool stops(const std::vector<Effect>& effects) {
    return std::any_of(effects.begin(), effects.end(),
                       [](const Effect& e) { return std::holds_alternative<effect::StopPrompt>(e); });
  }
};

TEST_F(AudioSession, SilentUntilSwitchedOn) {
  EXPECT_TRUE(prompts(act(intent::Begin{})).empty());
  EXPECT_TRUE(prompts(act(intent::RepeatPrompt{})).empty());
}

TEST_F(AudioSession, SwitchingOnSpeaksThisScreenThenEachNewOne) {
  EXPECT_EQ(prompts(act(intent::ToggleAudio{})), std::vector<std::string>{"attract"});
  EXPECT_TRUE(session.view().audio);
  EXPECT_EQ(prompts(act(intent::Begin{})), std::vector<std::string>{"identify"});
}

TEST_F(AudioSession, RepeatSpeaksTheScreenShownAgain) {
  act(intent::ToggleAudio{});
  act(intent::Begin{});
  EXPECT_EQ(prompts(act(intent::RepeatPrompt{})), std::vector<std::string>{"identify"});
  EXPECT_EQ(session.view().screen, Screen::Identify);
}

TEST_F(AudioSession, SwitchingOffSilencesAtOnceAndStaysSilent) {
  act(intent::ToggleAudio{});
  const auto off = act(intent::ToggleAudio{});
  EXPECT_TRUE(stops(off));
  EXPECT_TRUE(prompts(off).empty());
  EXPECT_TRUE(prompts(act(intent::Begin{})).empty());
  EXPECT_TRUE(prompts(act(intent::RepeatPrompt{})).empty());
}

}  // namespace
}  // namespace kiosk
