#include "drivers/camera/frame_source.hpp"

#include <algorithm>
#include <thread>

#include "drivers/camera/image_file.hpp"
#include "drivers/camera/v4l2_camera.hpp"

namespace kiosk::camera {
namespace {

constexpr std::chrono::milliseconds kReplayInterval{66};

bool is_picture(const std::filesystem::path& p) {
  std::string ext = p.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; });
  return ext == ".png" || ext == ".jpg" || ext == ".jpeg";
}

}  // namespace

std::vector<std::filesystem::path> picture_files(const std::filesystem::path& dir) {
  std::vector<std::filesystem::path> out;
  std::error_code ec;
  for (auto it = std::filesystem::recursive_directory_iterator(dir, ec);
       !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
    if (it->is_regular_file(ec) && is_picture(it->path())) {
      out.push_back(it->path());
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

ReplaySource::ReplaySource(std::vector<std::filesystem::path> files, bool loop,
                           std::chrono::milliseconds frame_interval)
    : files_(std::move(files)), loop_(loop), interval_(frame_interval) {}

FrameOrError ReplaySource::next() {
  if (files_.empty() || (!loop_ && index_ >= files_.size())) {
    return CameraError{CameraErrorCode::kEndOfStream, "no more pictures"};
  }
  if (interval_.count() > 0) {
    const auto due = last_ + interval_;
    if (std::chrono::steady_clock::now() < due) {
      std::this_thread::sleep_until(due);
    }
    last_ = std::chrono::steady_clock::now();
  }
  const std::filesystem::path& path = files_[index_ % files_.size()];
  ++index_;
  FrameOrError result = load_image_file(path);
  if (auto* frame = std::get_if<Frame>(&result)) {
    frame->sequence = ++sequence_;
    frame->captured = std::chrono::steady_clock::now();
  }
  return result;
}

std::string ReplaySource::describe() const {
  return "replay of " + std::to_string(files_.size()) + " picture(s)" + (loop_ ? ", looped" : "");
}

std::variant<std::unique_ptr<FrameSource>, CameraError> open_frame_source(std::string_view spec) {
  if (spec.starts_with("dir:")) {
    const std::filesystem::path dir(spec.substr(4));
    auto files = picture_files(dir);
    if (files.empty()) {
      return CameraError{CameraErrorCode::kNoDevice, "no PNG or JPEG pictures in " + dir.string()};
    }
    return std::make_unique<ReplaySource>(std::move(files), true, kReplayInterval);
  }
  if (spec.starts_with("file:")) {
    const std::filesystem::path file(spec.substr(5));
    if (!std::filesystem::is_regular_file(file)) {
      return CameraError{CameraErrorCode::kNoDevice, "no picture at " + file.string()};
    }
    return std::make_unique<ReplaySource>(std::vector<std::filesystem::path>{file}, true, kReplayInterval);
  }
  std::string_view device = spec;
  if (device.starts_with("v4l2:")) {
    device.remove_prefix(5);
  }
  auto camera = V4l2Camera::open(std::string(device), V4l2Camera::Options{});
  if (auto* error = std::get_if<CameraError>(&camera)) {
    return *error;
  }
  return std::unique_ptr<FrameSource>(std::move(std::get<std::unique_ptr<V4l2Camera>>(camera)));
}

}  // namespace kiosk::camera
