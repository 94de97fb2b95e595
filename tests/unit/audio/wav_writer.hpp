#pragma once

#include <cmath>
#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

namespace kiosk::test {

// Little-endian RIFF/WAVE bytes built field by field, so tests can also
// build broken files.
class WavWriter {
 public:
  WavWriter& tag(const char* id) {
    bytes.insert(bytes.end(), id, id + 4);
    return *this;
  }
  WavWriter& u16(std::uint32_t value) { return le(value, 2); }
  WavWriter& u32(std::uint32_t value) { return le(value, 4); }
  WavWriter& le(std::uint32_t value, int size) {
    for (int i = 0; i < size; ++i) {
      bytes.push_back(static_cast<std::uint8_t>(value >> (8 * i)));
    }
    return *this;
  }
  WavWriter& header() { return tag("RIFF").u32(0).tag("WAVE"); }
  WavWriter& fmt(std::uint16_t encoding, int channels, int rate, int bits) {
    const auto align = static_cast<std::uint32_t>(channels * bits / 8);
    return tag("fmt ")
        .u32(16)
        .u16(encoding)
        .u16(static_cast<std::uint32_t>(channels))
        .u32(static_cast<std::uint32_t>(rate))
        .u32(static_cast<std::uint32_t>(rate) * align)
        .u16(align)
        .u16(static_cast<std::uint32_t>(bits));
  }
  WavWriter& data(std::uint32_t size) { return tag("data").u32(size); }

  std::vector<std::uint8_t> bytes;
};

// `seconds` of a sine at `hertz`, 16-bit, the same on every channel.
inline std::vector<std::uint8_t> sine_wav(int rate, int channels, double seconds, double hertz,
                                          double amplitude) {
  const auto frames = static_cast<std::uint32_t>(rate * seconds);
  WavWriter w;
  w.header().fmt(1, channels, rate, 16).data(frames * static_cast<std::uint32_t>(channels) * 2);
  for (std::uint32_t i = 0; i < frames; ++i) {
    const double value = amplitude * std::sin(2 * M_PI * hertz * i / rate);
    const auto sample = static_cast<std::int16_t>(std::lround(value * 32767));
    for (int c = 0; c < channels; ++c) {
      w.u16(static_cast<std::uint16_t>(sample));
    }
  }
  return w.bytes;
}

}  // namespace kiosk::test
