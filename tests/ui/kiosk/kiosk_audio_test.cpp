#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <thread>

#include "kiosk/app/audio_clip.hpp"
#include "kiosk/app/audio_guide.hpp"
#include "tests/ui/kiosk/kiosk_harness.hpp"

namespace kiosk::test {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

constexpr int kRate = app::AudioGuide::kRate;
constexpr int kLoud = 300;  // the disk driver writes exact zeros for silence

bool loud(std::int16_t sample) {
  return sample > kLoud || sample < -kLoud;
}

// From the first loud sample to the last one, in samples.
struct Stretch {
  std::size_t first = 0;
  std::size_t last = 0;
  [[nodiscard]] std::size_t length() const { return last - first + 1; }
};

std::optional<Stretch> loud_stretch(const std::vector<std::int16_t>& samples, std::size_t from = 0) {
  const auto first = std::find_if(samples.begin() + static_cast<std::ptrdiff_t>(from), samples.end(), loud);
  if (first == samples.end()) {
    return std::nullopt;
  }
  const auto last = std::find_if(samples.rbegin(), samples.rend(), loud);
  return Stretch{static_cast<std::size_t>(first - samples.begin()),
                 static_cast<std::size_t>(samples.rend() - last - 1)};
}

std::vector<std::int16_t> read_raw(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::vector<char> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::vector<std::int16_t> samples(bytes.size() / 2);
  if (!samples.empty()) {
    std::memcpy(samples.data(), bytes.data(), samples.size() * 2);
  }
  return samples;
}

// How long the prompt the build rendered sounds, at the device rate.
std::size_t prompt_length(const std::string& prompt) {
  const auto clip = app::load_wav(fs::path(KIOSK_BINARY_DIR) / "assets" / "audio" / (prompt + ".wav"));
  EXPECT_TRUE(clip) << prompt;
  if (!clip) {
    return 0;
  }
  const auto stretch = loud_stretch(app::resample(*clip, kRate).samples);
  return stretch ? stretch->length() : 0;
}

// The kiosk playing into SDL's disk audio driver: the raw file receives
// exactly what a speaker would, in real time.
class KioskAudio : public ::testing::Test {
 protected:
  void SetUp() override {
    config_ = write_test_config("audio");
    output_ = config_.parent_path() / "out.raw";
  }

  std::vector<std::string> environment() const {
    return {"SDL_AUDIODRIVER=disk", "SDL_DISKAUDIOFILE=" + output_.string()};
  }

  // Waits for sound after sample `from`, then for half a second of silence
  // after it; the stretch of sound heard.
  std::optional<Stretch> next_prompt(std::size_t from) const {
    for (int i = 0; i < 1200; ++i) {
      const auto samples = read_raw(output_);
      if (samples.size() > from) {
        const auto heard = loud_stretch(samples, from);
        if (heard && samples.size() > heard->last + kRate / 2) {
          return heard;
        }
      }
      std::this_thread::sleep_for(50ms);
    }
    return std::nullopt;
  }

  std::size_t written() const { return read_raw(output_).size(); }

  fs::path config_;
  fs::path output_;
  VirtualDisplay display_;
};

TEST_F(KioskAudio, PromptsPlayWhenSwitchedOnRepeatOnRequestAndStopWhenOff) {
  KioskProcess kiosk(display_, config_, environment());
  ASSERT_EQ(kiosk.command("wait-screen attract"), "ok") << kiosk.stderr_text();
  // Off by default: no device is even opened, and no repeat button shows.
  EXPECT_FALSE(fs::exists(output_));
  EXPECT_EQ(kiosk.command("widgets").find(" repeat_prompt"), std::string::npos);

  ASSERT_TRUE(kiosk.ok("tap audio"));
  EXPECT_NE(kiosk.command("widgets").find(" repeat_prompt"), std::string::npos);
  ASSERT_TRUE(kiosk.ok("screenshot " + (artifact_dir() / "audio_on_attract_vi.png").string()));
  const auto attract = next_prompt(0);
  ASSERT_TRUE(attract) << kiosk.stderr_text();
  const auto attract_length = static_cast<double>(prompt_length("vi/attract"));
  EXPECT_NEAR(static_cast<double>(attract->length()), attract_length, attract_length * 0.05);

  // Another screen cuts in with its own prompt, played whole.
  std::size_t mark = written();
  ASSERT_TRUE(kiosk.ok("tap start"));
  ASSERT_EQ(kiosk.command("screen"), "screen identify");
  const auto identify = next_prompt(mark);
  ASSERT_TRUE(identify);
  const auto identify_length = static_cast<double>(prompt_length("vi/identify"));
  EXPECT_NEAR(static_cast<double>(identify->length()), identify_length, identify_length * 0.05);

  // "Nghe lại" says it once more.
  mark = written();
  ASSERT_TRUE(kiosk.ok("tap repeat_prompt"));
  const auto again = next_prompt(mark);
  ASSERT_TRUE(again);
  EXPECT_NEAR(static_cast<double>(again->length()), identify_length, identify_length * 0.05);

  // English is one tap away and so are its prompts.
  ASSERT_TRUE(kiosk.ok("tap lang"));
  mark = written();
  ASSERT_TRUE(kiosk.ok("tap repeat_prompt"));
  const auto english = next_prompt(mark);
  ASSERT_TRUE(english);
  const auto english_length = static_cast<double>(prompt_length("en/identify"));
  EXPECT_NEAR(static_cast<double>(english->length()), english_length, english_length * 0.05);

  // Off: the device is let go, so the driver writes nothing more, whatever
  // the screens do next.
  ASSERT_TRUE(kiosk.ok("tap audio"));
  EXPECT_EQ(kiosk.command("widgets").find(" repeat_prompt"), std::string::npos);
  // Closed once the file has stopped growing for half a second (the driver
  // writes every 46 ms while open).
  std::size_t size = written();
  for (int still = 0, i = 0; still < 5 && i < 600; ++i) {
    std::this_thread::sleep_for(100ms);
    const std::size_t now = written();
    still = now == size ? still + 1 : 0;
    size = now;
  }
  ASSERT_TRUE(kiosk.ok("tap no_qr"));
  ASSERT_EQ(kiosk.command("screen"), "screen chip_access");
  std::this_thread::sleep_for(1s);
  EXPECT_EQ(written(), size);
  ASSERT_TRUE(kiosk.ok("quit"));
  EXPECT_EQ(kiosk.wait_exit(), 0) << kiosk.stderr_text();
}

TEST_F(KioskAudio, NoAudioOutputNeverStopsTheJourney) {
  fs::remove(config_);
  config_ = write_test_config("no_output", "[ui]\naudio = true\n");
  // An audio system that cannot start stands for a kiosk without speakers.
  KioskProcess kiosk(display_, config_, {"SDL_AUDIODRIVER=no_such_driver"});
  ASSERT_EQ(kiosk.command("wait-screen attract"), "ok") << kiosk.stderr_text();
  ASSERT_TRUE(kiosk.ok("tap start"));
  ASSERT_EQ(kiosk.command("screen"), "screen identify");
  ASSERT_TRUE(kiosk.ok("tap repeat_prompt"));
  ASSERT_TRUE(kiosk.ok("tap no_qr"));
  ASSERT_EQ(kiosk.command("screen"), "screen chip_access");
  ASSERT_TRUE(kiosk.ok("quit"));
  EXPECT_EQ(kiosk.wait_exit(), 0);
  // Said once for the technician, not at every screen.
  const std::string log = kiosk.stderr_text();
  const std::string warning = "audio guidance: no output device";
  const auto first = log.find(warning);
  EXPECT_NE(first, std::string::npos) << log;
  EXPECT_EQ(log.find(warning, first + 1), std::string::npos) << log;
}

}  // namespace
}  // namespace kiosk::test
