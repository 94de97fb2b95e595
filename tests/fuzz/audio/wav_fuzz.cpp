#include <cstddef>
#include <cstdint>
#include <span>

#include "kiosk/app/audio_clip.hpp"

// Prompt files can be replaced on a deployed kiosk: any bytes give a clip or
// a typed error, and a clip always converts to the device rate.
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto clip = kiosk::app::parse_wav(std::span(data, size));
  if (clip && clip->samples.size() < (1u << 20)) {
    (void)kiosk::app::resample(clip.value(), 22050);
  }
  return 0;
}
