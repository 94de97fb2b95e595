#pragma once

#include <filesystem>
#include <span>
#include <variant>

#include "drivers/camera/frame.hpp"

namespace kiosk::camera {

// Decodes a JPEG (libjpeg-turbo) or PNG (stb_image) picture into a frame.
FrameOrError decode_image(std::span<const std::uint8_t> bytes);
FrameOrError load_image_file(const std::filesystem::path& path);
// Decodes one MJPEG camera frame.
FrameOrError decode_jpeg(std::span<const std::uint8_t> bytes);

// Writes an 8-bit grey or RGB PNG (for generated test pictures).
bool write_png(const std::filesystem::path& path, int width, int height, int channels,
               std::span<const std::uint8_t> pixels);

}  // namespace kiosk::camera
