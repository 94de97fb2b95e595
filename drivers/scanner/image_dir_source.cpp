#include "drivers/scanner/image_dir_source.hpp"

#include <stb/stb_image.h>

#include <algorithm>
#include <cstring>
#include <memory>

namespace kiosk::scanner {

Result<pdf::Raster> load_picture(const std::filesystem::path& path) {
  int width = 0;
  int height = 0;
  int channels = 0;
  if (stbi_info(path.c_str(), &width, &height, &channels) == 0) {
    return Error{ErrorCode::InvalidInput, "not a PNG, JPEG or PNM picture"};
  }
  if (width <= 0 || height <= 0 || static_cast<long long>(width) * height > 20000LL * 20000LL) {
    return Error{ErrorCode::InvalidInput, "picture size out of range"};
  }
  const int wanted = (channels == 1 || channels == 2) ? 1 : 3;
  std::unique_ptr<stbi_uc, decltype(&stbi_image_free)> data(
      stbi_load(path.c_str(), &width, &height, &channels, wanted), stbi_image_free);
  if (!data) {
    return Error{ErrorCode::InvalidInput, std::string("cannot decode picture: ") + stbi_failure_reason()};
  }
  pdf::Raster raster(width, height, wanted);
  std::memcpy(raster.pixels.data(), data.get(), raster.pixels.size());
  return raster;
}

Result<std::vector<RawPage>> ImageDirSource::acquire(const ScanSettings& settings) {
  std::error_code ec;
  if (!std::filesystem::is_directory(dir_, ec)) {
    return Error{ErrorCode::ScannerUnavailable, "no such directory"};
  }
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(dir_, ec)) {
    std::string ext = entry.path().extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (entry.is_regular_file() && (ext == ".png" || ext == ".jpg" || ext == ".jpeg" || ext == ".pnm" ||
                                    ext == ".pgm" || ext == ".ppm")) {
      files.push_back(entry.path());
    }
  }
  std::sort(files.begin(), files.end());
  if (files.empty()) {
    return Error{ErrorCode::InvalidInput, "no pictures in directory"};
  }
  std::vector<RawPage> pages;
  const bool duplex = settings.feed == PaperFeed::FeederDuplex;
  for (const auto& file : files) {
    if (static_cast<int>(pages.size()) >= settings.max_pages) {
      break;
    }
    auto raster = load_picture(file);
    if (!raster) {
      return Error{raster.error().code, file.filename().string() + ": " + raster.error().detail};
    }
    pages.push_back(RawPage{std::move(raster.value()), static_cast<double>(settings.dpi),
                            duplex && pages.size() % 2 == 1});
  }
  return pages;
}

}  // namespace kiosk::scanner
