#pragma once

#include <SDL2/SDL.h>

#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "kiosk/app/config.hpp"
#include "screens/ui.hpp"

namespace kiosk::app {

// The SDL window with its OpenGL context and Dear ImGui set up for the kiosk:
// fonts baked with Vietnamese glyph ranges at the sizes the DPI asks for.
class Display {
 public:
  // Throws std::runtime_error with what failed (no display, no font, ...).
  explicit Display(const Config& config);
  ~Display();
  Display(const Display&) = delete;
  Display& operator=(const Display&) = delete;

  [[nodiscard]] ui::Fonts fonts() const { return fonts_; }
  [[nodiscard]] SDL_Window* window() const { return window_; }
  [[nodiscard]] int width() const;
  [[nodiscard]] int height() const;

  void begin_frame();
  // Draws ImGui's output and presents it; when `screenshot` is given, the
  // frame is also saved there as PNG (throws on failure).
  void end_frame(const std::optional<std::filesystem::path>& screenshot);

 private:
  SDL_Window* window_ = nullptr;
  SDL_GLContext gl_ = nullptr;
  ui::Fonts fonts_;
};

}  // namespace kiosk::app
