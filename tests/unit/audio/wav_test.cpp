#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>

#include "kiosk/app/audio_clip.hpp"
#include "tests/unit/audio/wav_writer.hpp"

namespace kiosk::app {
namespace {

using test::sine_wav;
using test::WavWriter;

int peak(const AudioClip& clip) {
  int top = 0;
  for (auto s : clip.samples) {
    top = std::max(top, std::abs(static_cast<int>(s)));
  }
  return top;
}

// Zero crossings per second are twice the frequency of a sine.
double frequency(const AudioClip& clip) {
  int crossings = 0;
  for (std::size_t i = 1; i < clip.samples.size(); ++i) {
    if ((clip.samples[i - 1] < 0) != (clip.samples[i] < 0)) {
      ++crossings;
    }
  }
  return crossings / clip.seconds() / 2;
}

TEST(Wav, ReadsSixteenBitMono) {
  const auto clip = parse_wav(sine_wav(22050, 1, 0.5, 440, 0.5));
  ASSERT_TRUE(clip) << clip.error().detail;
  EXPECT_EQ(clip->rate, 22050);
  EXPECT_EQ(clip->samples.size(), 11025u);
  EXPECT_NEAR(peak(*clip), 16384, 20);
  EXPECT_NEAR(frequency(*clip), 440, 5);
}

TEST(Wav, MixesStereoDownToMono) {
  const auto clip = parse_wav(sine_wav(44100, 2, 0.25, 1000, 0.8));
  ASSERT_TRUE(clip) << clip.error().detail;
  EXPECT_EQ(clip->rate, 44100);
  EXPECT_EQ(clip->samples.size(), 11025u);
  EXPECT_NEAR(peak(*clip), 26214, 20);
}

TEST(Wav, ReadsEightTwentyFourBitAndFloatSamples) {
  WavWriter eight;
  eight.header().fmt(1, 1, 8000, 8).data(3).u16(0xFF00).le(0x80, 1);  // 0, 255, 128
  auto clip = parse_wav(eight.bytes);
  ASSERT_TRUE(clip) << clip.error().detail;
  ASSERT_EQ(clip->samples.size(), 3u);
  EXPECT_EQ(clip->samples[0], -32768);
  EXPECT_EQ(clip->samples[1], 32512);
  EXPECT_EQ(clip->samples[2], 0);

  WavWriter twenty_four;
  twenty_four.header().fmt(1, 1, 8000, 24).data(6).le(0x400000, 3).le(0xC00000, 3);  // +0.5, -0.5
  clip = parse_wav(twenty_four.bytes);
  ASSERT_TRUE(clip) << clip.error().detail;
  ASSERT_EQ(clip->samples.size(), 2u);
  EXPECT_EQ(clip->samples[0], 16384);
  EXPECT_EQ(clip->samples[1], -16384);

  WavWriter floating;
  const float quarter = -0.25f;
  std::uint32_t bits = 0;
  std::memcpy(&bits, &quarter, sizeof bits);
  floating.header().fmt(3, 1, 8000, 32).data(8).u32(bits).u32(0x7FC00000);  // -0.25, NaN
  clip = parse_wav(floating.bytes);
  ASSERT_TRUE(clip) << clip.error().detail;
  ASSERT_EQ(clip->samples.size(), 2u);
  EXPECT_EQ(clip->samples[0], -8192);
  EXPECT_EQ(clip->samples[1], 0);
}

TEST(Wav, SkipsOtherChunksWithTheirPadding) {
  WavWriter w;
  w.header().fmt(1, 1, 16000, 16).tag("LIST").u32(3).le(0x616263, 3).le(0, 1);  // odd size, one pad byte
  w.data(4).u16(1000).u16(0xFC18);                                              // 1000, -1000
  const auto clip = parse_wav(w.bytes);
  ASSERT_TRUE(clip) << clip.error().detail;
  ASSERT_EQ(clip->samples.size(), 2u);
  EXPECT_EQ(clip->samples[0], 1000);
  EXPECT_EQ(clip->samples[1], -1000);
}

TEST(Wav, StreamedDataSizeMeansWhatWasWritten) {
  // espeak-ng writing to a pipe cannot go back to fill the size in.
  WavWriter w;
  w.header().fmt(1, 1, 22050, 16).data(0x7FFFF000).u16(7).u16(8).le(9, 1);  // a trailing half sample
  const auto clip = parse_wav(w.bytes);
  ASSERT_TRUE(clip) << clip.error().detail;
  EXPECT_EQ(clip->samples, (std::vector<std::int16_t>{7, 8}));
}

TEST(Wav, RejectsWhatIsNotAPlayablePrompt) {
  const auto reason = [](const std::vector<std::uint8_t>& bytes) {
    auto clip = parse_wav(bytes);
    EXPECT_FALSE(clip);
    return clip ? std::string("parsed") : clip.error().detail;
  };
  EXPECT_EQ(reason({}), "wav: not a RIFF/WAVE file");
  EXPECT_EQ(reason(WavWriter().tag("RIFF").u32(0).tag("AVI ").bytes), "wav: not a RIFF/WAVE file");
  EXPECT_EQ(reason(WavWriter().header().bytes), "wav: no fmt chunk");
  EXPECT_EQ(reason(WavWriter().header().fmt(1, 1, 8000, 16).bytes), "wav: no data chunk");
  EXPECT_EQ(reason(WavWriter().header().data(2).u16(0).bytes), "wav: data before fmt");
  EXPECT_EQ(reason(WavWriter().header().tag("fmt ").u32(4).u32(1).data(0).bytes), "wav: fmt chunk too short");
  EXPECT_EQ(reason(WavWriter().header().fmt(2, 1, 8000, 4).data(0).bytes),
            "wav: unsupported encoding 2 with 4 bits");
  EXPECT_EQ(reason(WavWriter().header().fmt(1, 0, 8000, 16).data(0).bytes),
            "wav: unsupported channel count 0");
  EXPECT_EQ(reason(WavWriter().header().fmt(1, 1, 10, 16).data(0).bytes), "wav: unsupported sample rate");
  WavWriter misaligned;
  misaligned.header().tag("fmt ").u32(16).u16(1).u16(2).u32(8000).u32(32000).u16(3).u16(16).data(0);
  EXPECT_EQ(reason(misaligned.bytes), "wav: block alignment does not match channels and bits");
  for (const auto& error : {parse_wav({}), load_wav("/nonexistent/prompt.wav")}) {
    EXPECT_FALSE(error.error().retriable());
  }
}

TEST(Wav, LoadsAFileAndNamesOnlyItsFileName) {
  const auto dir = std::filesystem::temp_directory_path() / ("wav_test_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const auto bytes = sine_wav(22050, 1, 0.1, 300, 0.3);
  std::ofstream(dir / "home.wav", std::ios::binary)
      .write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
  const auto clip = load_wav(dir / "home.wav");
  ASSERT_TRUE(clip) << clip.error().detail;
  EXPECT_EQ(clip->samples.size(), 2205u);
  const auto missing = load_wav(dir / "absent.wav");
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, ErrorCode::StorageCorrupt);
  EXPECT_EQ(missing.error().detail, "wav: cannot open absent.wav");
  std::filesystem::remove_all(dir);
}

TEST(Resample, HalvingTheRateKeepsPitchLoudnessAndDuration) {
  const auto clip = parse_wav(sine_wav(44100, 2, 1.0, 440, 0.5));
  ASSERT_TRUE(clip);
  const AudioClip out = resample(*clip, 22050);
  EXPECT_EQ(out.rate, 22050);
  EXPECT_EQ(out.samples.size(), 22050u);
  EXPECT_NEAR(out.seconds(), clip->seconds(), 1e-6);
  EXPECT_NEAR(frequency(out), 440, 5);
  EXPECT_NEAR(peak(out), 16384, 60);
}

TEST(Resample, RaisingTheRateInterpolatesBetweenSamples) {
  AudioClip clip{8000, {0, 800, -800}};
  const AudioClip out = resample(clip, 16000);
  EXPECT_EQ(out.samples, (std::vector<std::int16_t>{0, 400, 800, 0, -800, -800}));
  const auto up = parse_wav(sine_wav(16000, 1, 0.5, 500, 0.5));
  ASSERT_TRUE(up);
  const AudioClip doubled = resample(*up, 22050);
  EXPECT_EQ(doubled.samples.size(), 11025u);
  EXPECT_NEAR(frequency(doubled), 500, 5);
}

TEST(Resample, SameRateOrEmptyClipIsUnchanged) {
  AudioClip clip{22050, {1, 2, 3}};
  EXPECT_EQ(resample(clip, 22050).samples, clip.samples);
  const AudioClip empty = resample(AudioClip{8000, {}}, 22050);
  EXPECT_EQ(empty.rate, 22050);
  EXPECT_TRUE(empty.samples.empty());
}

}  // namespace
}  // namespace kiosk::app
