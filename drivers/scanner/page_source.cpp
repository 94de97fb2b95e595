#include "drivers/scanner/page_source.hpp"

#include "drivers/scanner/image_dir_source.hpp"
#include "drivers/scanner/sane_source.hpp"
#if KIOSK_HAVE_CAMERA
#include "drivers/scanner/camera_source.hpp"
#endif

namespace kiosk::scanner {

Result<std::unique_ptr<PageSource>> open_page_source(std::string_view spec) {
  const auto colon = spec.find(':');
  if (colon == std::string_view::npos || colon + 1 >= spec.size()) {
    return Error{ErrorCode::InvalidInput, "source must be sane:DEVICE, camera:DEV or dir:PATH"};
  }
  const std::string_view kind = spec.substr(0, colon);
  const std::string rest(spec.substr(colon + 1));
  if (kind == "sane") {
    return std::unique_ptr<PageSource>(std::make_unique<SaneSource>(rest));
  }
  if (kind == "dir") {
    return std::unique_ptr<PageSource>(std::make_unique<ImageDirSource>(rest));
  }
#if KIOSK_HAVE_CAMERA
  if (kind == "camera") {
    return std::unique_ptr<PageSource>(std::make_unique<CameraPageSource>(rest));
  }
#endif
  return Error{ErrorCode::InvalidInput, "unknown page source " + std::string(kind)};
}

}  // namespace kiosk::scanner
