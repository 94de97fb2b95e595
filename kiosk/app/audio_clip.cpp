#include "kiosk/app/audio_clip.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <fstream>
#include <iterator>
#include <optional>
#include <string>

namespace kiosk::app {
namespace {

constexpr std::uint16_t kPcm = 1;
constexpr std::uint16_t kFloat = 3;
constexpr std::uint16_t kExtensible = 0xFFFE;
constexpr int kMinRate = 1000;
constexpr int kMaxRate = 384000;
constexpr int kMaxChannels = 16;
// A prompt file larger than this is not a prompt.
constexpr std::size_t kMaxFileBytes = 64u << 20;

struct Format {
  std::uint16_t encoding = 0;
  int channels = 0;
  int rate = 0;
  int block_align = 0;
  int bits = 0;
};

std::uint16_t u16(std::span<const std::uint8_t> b, std::size_t at) {
  return static_cast<std::uint16_t>(b[at] | (b[at + 1] << 8));
}
std::uint32_t u32(std::span<const std::uint8_t> b, std::size_t at) {
  return static_cast<std::uint32_t>(b[at]) | (static_cast<std::uint32_t>(b[at + 1]) << 8) |
         (static_cast<std::uint32_t>(b[at + 2]) << 16) | (static_cast<std::uint32_t>(b[at + 3]) << 24);
}
bool tag(std::span<const std::uint8_t> b, std::size_t at, const char* id) {
  return std::memcmp(b.data() + at, id, 4) == 0;
}

Error invalid(std::string detail) {
  return {ErrorCode::InvalidInput, "wav: " + std::move(detail)};
}

Result<Format> parse_format(std::span<const std::uint8_t> chunk) {
  if (chunk.size() < 16) {
    return invalid("fmt chunk too short");
  }
  Format format;
  format.encoding = u16(chunk, 0);
  format.channels = u16(chunk, 2);
  format.rate = static_cast<int>(std::min<std::uint32_t>(u32(chunk, 4), kMaxRate + 1));
  format.block_align = u16(chunk, 12);
  format.bits = u16(chunk, 14);
  if (format.encoding == kExtensible) {
    // WAVE_FORMAT_EXTENSIBLE: the real encoding opens the sub-format GUID.
    if (chunk.size() < 26) {
      return invalid("extensible fmt chunk too short");
    }
    format.encoding = u16(chunk, 24);
  }
  const bool integer = format.encoding == kPcm &&
                       (format.bits == 8 || format.bits == 16 || format.bits == 24 || format.bits == 32);
  const bool floating = format.encoding == kFloat && format.bits == 32;
  if (!integer && !floating) {
    return invalid("unsupported encoding " + std::to_string(format.encoding) + " with " +
                   std::to_string(format.bits) + " bits");
  }
  if (format.channels < 1 || format.channels > kMaxChannels) {
    return invalid("unsupported channel count " + std::to_string(format.channels));
  }
  if (format.rate < kMinRate || format.rate > kMaxRate) {
    return invalid("unsupported sample rate");
  }
  if (format.block_align != format.channels * format.bits / 8) {
    return invalid("block alignment does not match channels and bits");
  }
  return format;
}

// One sample scaled to [-1, 1].
double sample_at(std::span<const std::uint8_t> data, std::size_t at, const Format& format) {
  switch (format.bits) {
    case 8:
      return (static_cast<int>(data[at]) - 128) / 128.0;
    case 16:
      return static_cast<std::int16_t>(u16(data, at)) / 32768.0;
    case 24: {
      // Placed in the top three bytes of an int32 so the sign comes along.
      const std::uint32_t raw = (static_cast<std::uint32_t>(data[at]) << 8) |
                                (static_cast<std::uint32_t>(data[at + 1]) << 16) |
                                (static_cast<std::uint32_t>(data[at + 2]) << 24);
      return static_cast<std::int32_t>(raw) / 2147483648.0;
    }
    default: {
      const std::uint32_t raw = u32(data, at);
      if (format.encoding == kFloat) {
        float value = 0;
        std::memcpy(&value, &raw, sizeof value);
        return std::isfinite(value) ? std::clamp(static_cast<double>(value), -1.0, 1.0) : 0.0;
      }
      return static_cast<std::int32_t>(raw) / 2147483648.0;
    }
  }
}

std::int16_t to_s16(double value) {
  return static_cast<std::int16_t>(std::lround(std::clamp(value * 32768.0, -32768.0, 32767.0)));
}

}  // namespace

double AudioClip::seconds() const {
  return rate > 0 ? static_cast<double>(samples.size()) / rate : 0.0;
}

Result<AudioClip> parse_wav(std::span<const std::uint8_t> bytes) {
  if (bytes.size() < 12 || !tag(bytes, 0, "RIFF") || !tag(bytes, 8, "WAVE")) {
    return invalid("not a RIFF/WAVE file");
  }
  std::optional<Format> format;
  std::size_t at = 12;
  while (at + 8 <= bytes.size()) {
    const std::size_t declared = u32(bytes, at + 4);
    const std::size_t body = at + 8;
    // Streaming writers (espeak-ng to a pipe) leave the data size at its
    // maximum: what is there is what was written.
    const std::size_t size = std::min(declared, bytes.size() - body);
    const auto chunk = bytes.subspan(body, size);
    if (tag(bytes, at, "fmt ")) {
      auto parsed = parse_format(chunk);
      if (!parsed) {
        return parsed.error();
      }
      format = parsed.value();
    } else if (tag(bytes, at, "data")) {
      if (!format) {
        return invalid("data before fmt");
      }
      AudioClip clip;
      clip.rate = format->rate;
      const std::size_t frames = chunk.size() / static_cast<std::size_t>(format->block_align);
      clip.samples.reserve(frames);
      const std::size_t width = static_cast<std::size_t>(format->bits / 8);
      for (std::size_t frame = 0; frame < frames; ++frame) {
        double sum = 0;
        for (int channel = 0; channel < format->channels; ++channel) {
          const std::size_t offset = frame * static_cast<std::size_t>(format->block_align) +
                                     static_cast<std::size_t>(channel) * width;
          sum += sample_at(chunk, offset, *format);
        }
        clip.samples.push_back(to_s16(sum / format->channels));
      }
      return clip;
    }
    at = body + size + (size & 1);  // chunks are padded to even sizes
  }
  return invalid(format ? "no data chunk" : "no fmt chunk");
}

Result<AudioClip> load_wav(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    return Error{ErrorCode::StorageCorrupt, "wav: cannot open " + file.filename().string()};
  }
  std::vector<std::uint8_t> bytes;
  in.seekg(0, std::ios::end);
  const auto size = static_cast<std::size_t>(std::max<std::streamoff>(in.tellg(), 0));
  if (size > kMaxFileBytes) {
    return invalid(file.filename().string() + " is too large for a prompt");
  }
  in.seekg(0);
  bytes.resize(size);
  in.read(reinterpret_cast<char*>(bytes.data()), static_cast<std::streamsize>(size));
  if (!in) {
    return Error{ErrorCode::StorageCorrupt, "wav: cannot read " + file.filename().string()};
  }
  return parse_wav(bytes);
}

AudioClip resample(const AudioClip& clip, int rate) {
  if (clip.rate == rate || clip.samples.empty() || clip.rate <= 0 || rate <= 0) {
    return {rate, clip.samples};
  }
  AudioClip out;
  out.rate = rate;
  const auto count = static_cast<std::size_t>(
      (static_cast<std::uint64_t>(clip.samples.size()) * static_cast<std::uint64_t>(rate)) /
      static_cast<std::uint64_t>(clip.rate));
  out.samples.reserve(count);
  const std::size_t last = clip.samples.size() - 1;
  const double step = static_cast<double>(clip.rate) / rate;
  for (std::size_t i = 0; i < count; ++i) {
    const double position = static_cast<double>(i) * step;
    const auto index = std::min(static_cast<std::size_t>(position), last);
    const double fraction = position - static_cast<double>(index);
    const double a = clip.samples[index];
    const double b = clip.samples[std::min(index + 1, last)];
    out.samples.push_back(static_cast<std::int16_t>(std::lround(a + (b - a) * fraction)));
  }
  return out;
}

}  // namespace kiosk::app
