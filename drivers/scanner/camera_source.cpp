#include "drivers/scanner/camera_source.hpp"

#include <cmath>

#include "drivers/camera/frame_source.hpp"
#include "drivers/scanner/page_geometry.hpp"

namespace kiosk::scanner {
namespace {

constexpr int kFramesToTry = 30;  // about two seconds of a camera settling its exposure
constexpr double kA4LongSideInches = 297.0 / 25.4;

double distance(const Point& a, const Point& b) {
  return std::hypot(a.x - b.x, a.y - b.y);
}

}  // namespace

Result<std::vector<RawPage>> CameraPageSource::acquire(const ScanSettings& settings) {
  auto opened = camera::open_frame_source(device_);
  if (auto* error = std::get_if<camera::CameraError>(&opened)) {
    return Error{ErrorCode::ScannerUnavailable, "camera: " + error->detail};
  }
  auto& source = std::get<std::unique_ptr<camera::FrameSource>>(opened);
  for (int attempt = 0; attempt < kFramesToTry; ++attempt) {
    auto next = source->next();
    if (auto* error = std::get_if<camera::CameraError>(&next)) {
      if (error->retriable()) {
        continue;
      }
      return Error{ErrorCode::ScannerUnavailable, "camera: " + error->detail};
    }
    const auto& frame = std::get<camera::Frame>(next);
    pdf::Raster picture(frame.width, frame.height, 3);
    if (frame.rgb.size() != picture.pixels.size()) {
      continue;
    }
    picture.pixels = frame.rgb;
    const auto quad = find_sheet(picture);
    if (!quad) {
      continue;
    }
    const auto& q = *quad;
    const double width = std::max(distance(q[0], q[1]), distance(q[3], q[2]));
    const double height = std::max(distance(q[0], q[3]), distance(q[1], q[2]));
    if (width < 32 || height < 32) {
      continue;
    }
    RawPage page;
    page.image =
        warp_quad(picture, q, static_cast<int>(std::lround(width)), static_cast<int>(std::lround(height)));
    page.dpi = std::max(width, height) / kA4LongSideInches;
    (void)settings;
    return std::vector<RawPage>{std::move(page)};
  }
  return Error{ErrorCode::InvalidInput, "no sheet found under the camera"};
}

}  // namespace kiosk::scanner
