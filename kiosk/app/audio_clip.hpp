#pragma once

#include <cstdint>
#include <filesystem>
#include <span>
#include <vector>

#include "kiosk/core/result.hpp"

namespace kiosk::app {

// One prompt as the audio device takes it: signed 16-bit mono samples.
struct AudioClip {
  int rate = 0;  // samples per second
  std::vector<std::int16_t> samples;

  [[nodiscard]] double seconds() const;
};

// RIFF/WAVE holding integer PCM (8, 16, 24 or 32 bits) or 32-bit float, any
// number of channels (mixed down to mono). Anything else is InvalidInput,
// never a crash: prompt files can be replaced on a deployed kiosk.
Result<AudioClip> parse_wav(std::span<const std::uint8_t> bytes);
Result<AudioClip> load_wav(const std::filesystem::path& file);

// The clip at another sample rate by linear interpolation: enough for speech,
// whose energy lies well below either rate's Nyquist frequency.
AudioClip resample(const AudioClip& clip, int rate);

}  // namespace kiosk::app
