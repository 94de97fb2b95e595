#pragma once

#include <SDL2/SDL.h>

#include <atomic>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <thread>

#include "kiosk/app/config.hpp"
#include "screens/ui.hpp"

namespace kiosk::app {

// The SDL window with its OpenGL context and Dear ImGui set up for the kiosk:
// fonts baked with Vietnamese glyph ranges at the sizes the DPI asks for.
// Only the two sizes of the configured text mode are baked before the first
// frame, while the OpenGL driver loads; the atlas with every size is baked on
// a thread after it and swapped in between two frames, so the attract screen
// is not kept waiting for fonts it does not show.
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

  // Whether the complete font atlas is in use; glyphs sampled from the first
  // atlas can differ by a shade at their edges.
  [[nodiscard]] bool fonts_complete() const {
    return first_frame_presented_ && (!atlas_thread_.joinable() || atlas_failed_.load());
  }
  // Swaps in the complete font atlas when its thread has finished.
  void begin_frame();
  // Draws ImGui's output and presents it; when `screenshot` is given, the
  // frame is also saved there as PNG (throws on failure).
  void end_frame(const std::optional<std::filesystem::path>& screenshot);

 private:
  void bake_complete_atlas();
  void adopt_complete_atlas();

  const Config config_;
  SDL_Window* window_ = nullptr;
  SDL_GLContext gl_ = nullptr;
  ui::Fonts fonts_;
  bool first_frame_presented_ = false;
  // ImGui's context borrows the atlas in use; the display owns it.
  std::unique_ptr<ImFontAtlas> atlas_;
  std::unique_ptr<ImFontAtlas> complete_atlas_;  // written by atlas_thread_ until complete_ is set
  ui::Fonts complete_fonts_;
  std::atomic<bool> complete_{false};
  std::atomic<bool> atlas_failed_{false};  // the first atlas stays
  std::thread atlas_thread_;
};

}  // namespace kiosk::app
