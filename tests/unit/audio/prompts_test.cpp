#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "kiosk/app/audio_clip.hpp"
#include "kiosk/core/screen.hpp"

namespace kiosk {
namespace {

// Every screen of the journey, in the order kiosk/core declares them.
std::vector<std::string> all_screens() {
  std::vector<std::string> names;
  for (int i = 0;; ++i) {
    const auto name = screen_name(static_cast<Screen>(i));
    if (name == "unknown") {
      return names;
    }
    names.emplace_back(name);
  }
}

nlohmann::json catalog(const std::string& language) {
  std::ifstream in(std::string(KIOSK_SOURCE_DIR) + "/assets/i18n/" + language + ".json");
  return nlohmann::json::parse(in);
}

class Prompts : public ::testing::TestWithParam<const char*> {};

TEST_P(Prompts, EveryScreenHasAShortPromptInTheCatalog) {
  const auto messages = catalog(GetParam());
  const auto screens = all_screens();
  ASSERT_EQ(screens.size(), static_cast<std::size_t>(Screen::OutOfService) + 1) << "a screen has no name";
  for (const auto& screen : screens) {
    const auto key = "audio." + screen;
    ASSERT_TRUE(messages.contains(key)) << GetParam() << ".json has no " << key;
    const auto text = messages[key].get<std::string>();
    EXPECT_GT(text.size(), 10u) << key;
    EXPECT_LT(text.size(), 200u) << key << ": a prompt says what to do now, briefly";
  }
}

TEST_P(Prompts, TheBuildRenderedEveryPromptToSound) {
  const std::filesystem::path dir = std::filesystem::path(KIOSK_BINARY_DIR) / "assets" / "audio" / GetParam();
  for (const auto& screen : all_screens()) {
    const auto clip = app::load_wav(dir / (screen + ".wav"));
    ASSERT_TRUE(clip) << screen << ": " << clip.error().detail;
    EXPECT_GT(clip->seconds(), 0.8) << screen;
    EXPECT_LT(clip->seconds(), 15.0) << screen;
    std::size_t loud = 0;
    for (auto sample : clip->samples) {
      loud += (sample > 1000 || sample < -1000) ? 1 : 0;
    }
    EXPECT_GT(loud, clip->samples.size() / 10) << screen << " is mostly silence";
  }
}

INSTANTIATE_TEST_SUITE_P(Languages, Prompts, ::testing::Values("vi", "en"));

}  // namespace
}  // namespace kiosk
