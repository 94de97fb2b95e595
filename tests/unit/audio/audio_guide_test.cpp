#include "kiosk/app/audio_guide.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <thread>

#include "tests/unit/audio/wav_writer.hpp"

namespace kiosk::app {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

// Samples louder than this count as sound (the disk driver writes exact zeros
// for silence).
constexpr int kLoud = 500;

std::vector<std::int16_t> read_raw(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::vector<char> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::vector<std::int16_t> samples(bytes.size() / 2);
  if (!samples.empty()) {
    std::memcpy(samples.data(), bytes.data(), samples.size() * 2);
  }
  return samples;
}

std::size_t loud_samples(const std::vector<std::int16_t>& samples) {
  return static_cast<std::size_t>(
      std::count_if(samples.begin(), samples.end(), [](std::int16_t s) { return s > kLoud || s < -kLoud; }));
}

// SDL's disk audio driver plays in real time into a raw file: what a
// speaker would have received, sample by sample.
class AudioGuideOnDisk : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("audio_guide_test_" + std::to_string(::getpid()));
    fs::create_directories(dir_ / "vi");
    output_ = dir_ / "out.raw";
    ::setenv("SDL_AUDIODRIVER", "disk", 1);
    ::setenv("SDL_DISKAUDIOFILE", output_.c_str(), 1);
  }
  void TearDown() override { fs::remove_all(dir_); }

  void write_prompt(const std::string& name, int rate, double seconds, double hertz) {
    const auto bytes = test::sine_wav(rate, 1, seconds, hertz, 0.5);
    std::ofstream(dir_ / (name + ".wav"), std::ios::binary)
        .write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
  }

  // Waits until `count` loud samples reached the output, and then for a
  // quarter of a second of output without more.
  std::vector<std::int16_t> wait_for_sound(std::size_t count) {
    std::vector<std::int16_t> samples;
    std::size_t settled_at = 0;
    for (int i = 0; i < 600; ++i) {
      samples = read_raw(output_);
      const std::size_t loud = loud_samples(samples);
      if (loud >= count && settled_at == 0) {
        settled_at = samples.size();
      }
      if (settled_at != 0 && samples.size() > settled_at + AudioGuide::kRate / 4) {
        return samples;
      }
      std::this_thread::sleep_for(50ms);
    }
    return samples;
  }

  fs::path dir_;
  fs::path output_;
};

TEST_F(AudioGuideOnDisk, PlaysAPromptWholeAtTheDeviceRate) {
  write_prompt("vi/home", AudioGuide::kRate, 0.5, 440);
  AudioGuide guide(dir_, "");
  guide.play("vi/home");
  const auto samples = wait_for_sound(AudioGuide::kRate / 4);
  // A sine at half scale is louder than kLoud for 98 % of its samples.
  EXPECT_NEAR(static_cast<double>(loud_samples(samples)), 0.5 * AudioGuide::kRate * 0.98,
              0.05 * AudioGuide::kRate);
}

TEST_F(AudioGuideOnDisk, ConvertsOtherRatesToTheSameDuration) {
  write_prompt("vi/scan", 44100, 0.5, 440);
  AudioGuide guide(dir_, "");
  guide.play("vi/scan");
  const auto samples = wait_for_sound(AudioGuide::kRate / 4);
  EXPECT_NEAR(static_cast<double>(loud_samples(samples)), 0.5 * AudioGuide::kRate * 0.98,
              0.05 * AudioGuide::kRate);
}

TEST_F(AudioGuideOnDisk, ANewPromptCutsThePreviousOne) {
  write_prompt("vi/attract", AudioGuide::kRate, 6.0, 440);
  write_prompt("vi/identify", AudioGuide::kRate, 0.3, 440);
  AudioGuide guide(dir_, "");
  guide.play("vi/attract");
  wait_for_sound(AudioGuide::kRate / 10);
  guide.play("vi/identify");
  // Counted in samples written, not in time: once the device has played
  // as long as the first prompt lasts, it must have held far less sound.
  std::vector<std::int16_t> samples;
  for (int i = 0; i < 1200 && samples.size() < static_cast<std::size_t>(AudioGuide::kRate) * 7; ++i) {
    std::this_thread::sleep_for(50ms);
    samples = read_raw(output_);
  }
  ASSERT_GE(samples.size(), static_cast<std::size_t>(AudioGuide::kRate) * 7);
  EXPECT_LT(loud_samples(samples), static_cast<std::size_t>(AudioGuide::kRate) * 5);
  // The second prompt was played whole after the cut: sound at the end of
  // the loud stretch, then silence to the end.
  EXPECT_GT(loud_samples(samples), static_cast<std::size_t>(AudioGuide::kRate) * 4 / 10);
}

TEST_F(AudioGuideOnDisk, StopReleasesTheDevice) {
  write_prompt("vi/home", AudioGuide::kRate, 4.0, 440);
  AudioGuide guide(dir_, "");
  guide.play("vi/home");
  wait_for_sound(AudioGuide::kRate / 10);
  guide.stop();
  // Once the device is closed the driver writes nothing more.
  std::uintmax_t size = 0;
  for (int i = 0; i < 600; ++i) {
    std::this_thread::sleep_for(100ms);
    const auto now = fs::file_size(output_);
    if (now == size) {
      break;
    }
    size = now;
  }
  std::this_thread::sleep_for(300ms);
  EXPECT_EQ(fs::file_size(output_), size);
  EXPECT_LT(loud_samples(read_raw(output_)), static_cast<std::size_t>(AudioGuide::kRate) * 3);
}

TEST_F(AudioGuideOnDisk, NoAudioOutputOrAMissingPromptIsSkipped) {
  write_prompt("vi/home", AudioGuide::kRate, 0.5, 440);
  ::setenv("SDL_AUDIODRIVER", "no_such_driver", 1);
  {
    AudioGuide guide(dir_, "");
    for (int i = 0; i < 20; ++i) {
      guide.play("vi/home");
      guide.play("vi/absent");
    }
    guide.stop();
  }
  EXPECT_FALSE(fs::exists(output_));
}

}  // namespace
}  // namespace kiosk::app
