#include "drivers/camera/image_file.hpp"

#include <turbojpeg.h>

#include <fstream>
#include <iterator>
#include <memory>
#include <vector>

#include "stb_image.h"
#include "stb_image_write.h"

namespace kiosk::camera {
namespace {

struct TjDeleter {
  void operator()(void* handle) const { tjDestroy(handle); }
};
using TjHandle = std::unique_ptr<void, TjDeleter>;

struct StbDeleter {
  void operator()(stbi_uc* pixels) const { stbi_image_free(pixels); }
};

constexpr int kMaxSide = 8192;

bool is_jpeg(std::span<const std::uint8_t> b) {
  return b.size() > 3 && b[0] == 0xFF && b[1] == 0xD8;
}
bool is_png(std::span<const std::uint8_t> b) {
  static constexpr std::uint8_t kSig[] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
  return b.size() > 8 && std::equal(std::begin(kSig), std::end(kSig), b.begin());
}

FrameOrError decode_png(std::span<const std::uint8_t> bytes) {
  int w = 0;
  int h = 0;
  int channels = 0;
  if (bytes.size() > static_cast<std::size_t>(INT32_MAX)) {
    return CameraError{CameraErrorCode::kCorruptFrame, "PNG too large"};
  }
  if (!stbi_info_from_memory(bytes.data(), static_cast<int>(bytes.size()), &w, &h, &channels) ||
      w > kMaxSide || h > kMaxSide) {
    return CameraError{CameraErrorCode::kCorruptFrame, "PNG header unreadable or image too large"};
  }
  std::unique_ptr<stbi_uc, StbDeleter> pixels(
      stbi_load_from_memory(bytes.data(), static_cast<int>(bytes.size()), &w, &h, &channels, 3));
  if (!pixels) {
    return CameraError{CameraErrorCode::kCorruptFrame, std::string("PNG: ") + stbi_failure_reason()};
  }
  Frame f;
  f.width = w;
  f.height = h;
  f.rgb.assign(pixels.get(), pixels.get() + static_cast<std::size_t>(w) * static_cast<std::size_t>(h) * 3);
  derive_gray(f);
  return f;
}

}  // namespace

FrameOrError decode_jpeg(std::span<const std::uint8_t> bytes) {
  TjHandle tj(tjInitDecompress());
  if (!tj) {
    return CameraError{CameraErrorCode::kCorruptFrame, "turbojpeg init failed"};
  }
  int w = 0;
  int h = 0;
  int subsampling = 0;
  int colorspace = 0;
  const auto size = static_cast<unsigned long>(bytes.size());
  if (tjDecompressHeader3(tj.get(), bytes.data(), size, &w, &h, &subsampling, &colorspace) != 0 || w <= 0 ||
      h <= 0 || w > kMaxSide || h > kMaxSide) {
    return CameraError{CameraErrorCode::kCorruptFrame, "JPEG header unreadable or image too large"};
  }
  Frame f;
  f.width = w;
  f.height = h;
  f.rgb.resize(static_cast<std::size_t>(w) * static_cast<std::size_t>(h) * 3);
  if (tjDecompress2(tj.get(), bytes.data(), size, f.rgb.data(), w, w * 3, h, TJPF_RGB, TJFLAG_FASTDCT) != 0 &&
      tjGetErrorCode(tj.get()) == TJERR_FATAL) {
    return CameraError{CameraErrorCode::kCorruptFrame, std::string("JPEG: ") + tjGetErrorStr2(tj.get())};
  }
  derive_gray(f);
  return f;
}

FrameOrError decode_image(std::span<const std::uint8_t> bytes) {
  if (is_jpeg(bytes)) {
    return decode_jpeg(bytes);
  }
  if (is_png(bytes)) {
    return decode_png(bytes);
  }
  return CameraError{CameraErrorCode::kUnsupportedFormat, "neither PNG nor JPEG"};
}

FrameOrError load_image_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return CameraError{CameraErrorCode::kNoDevice, "cannot open " + path.string()};
  }
  const std::vector<std::uint8_t> bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  return decode_image(bytes);
}

bool write_png(const std::filesystem::path& path, int width, int height, int channels,
               std::span<const std::uint8_t> pixels) {
  if (pixels.size() < static_cast<std::size_t>(width) * static_cast<std::size_t>(height) *
                          static_cast<std::size_t>(channels)) {
    return false;
  }
  return stbi_write_png(path.c_str(), width, height, channels, pixels.data(), width * channels) != 0;
}

}  // namespace kiosk::camera
