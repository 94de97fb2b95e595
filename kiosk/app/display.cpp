#include "kiosk/app/display.hpp"

#include <SDL2/SDL_opengl.h>
#include <backends/imgui_impl_opengl3.h>
#include <backends/imgui_impl_sdl.h>
#include <imgui.h>
#include <stb/stb_image_write.h>

#include <cstdio>
#include <future>
#include <stdexcept>
#include <utility>
#include <vector>

#include "kiosk/app/startup_timing.hpp"
#include "screens/glyph_ranges.hpp"

namespace kiosk::app {
namespace {

ImFont* add_font(ImFontAtlas& atlas, const Config& config, float size) {
  const bool primary = std::filesystem::exists(config.font);
  const std::filesystem::path& file = primary ? config.font : config.fallback_font;
  if (!std::filesystem::exists(file)) {
    throw std::runtime_error("ui.font: neither " + config.font.string() + " nor " +
                             config.fallback_font.string() + " exists");
  }
  ImFontConfig base;
  base.OversampleH = 2;
  base.OversampleV = 1;
  ImFont* font = atlas.AddFontFromFileTTF(file.c_str(), size, &base, ui::vietnamese_glyph_ranges());
  if (font == nullptr) {
    throw std::runtime_error("ui.font: cannot load " + file.string());
  }
  if (std::filesystem::exists(config.fallback_font)) {
    ImFontConfig merge;
    merge.MergeMode = true;
    merge.OversampleH = 1;
    atlas.AddFontFromFileTTF(config.fallback_font.c_str(), size, &merge, ui::symbol_glyph_ranges());
  }
  return font;
}

// Bakes the body and title fonts of one text mode into `atlas`.
std::pair<ImFont*, ImFont*> add_text_mode(ImFontAtlas& atlas, const Config& config, bool large_text) {
  const ui::Metrics metrics{config.dpi, large_text};
  ImFont* body = add_font(atlas, config, metrics.body_text());
  ImFont* title = add_font(atlas, config, metrics.title_text());
  return {body, title};
}

// Wakes the main loop, which draws again on any window event.
void request_redraw() {
  SDL_Event event{};
  event.type = SDL_WINDOWEVENT;
  event.window.event = SDL_WINDOWEVENT_EXPOSED;
  SDL_PushEvent(&event);
}

}  // namespace

Display::Display(const Config& config) : config_(config) {
  // One touch path: touches arrive as SDL finger events, and the mouse
  // events SDL would synthesise from them are ignored by the main loop.
  SDL_SetHint(SDL_HINT_TOUCH_MOUSE_EVENTS, "1");
  SDL_SetHint(SDL_HINT_VIDEO_X11_NET_WM_BYPASS_COMPOSITOR, "0");
  // Loading the OpenGL driver with the window is the longest step of
  // start-up; the fonts the attract screen needs, the body and title of the
  // configured text mode, are baked meanwhile. The other mode's sizes use
  // them until the complete atlas is in.
  atlas_ = std::make_unique<ImFontAtlas>();
  auto first_fonts = std::async(std::launch::async, [this] {
    auto fonts = add_text_mode(*atlas_, config_, config_.large_text);
    atlas_->Build();
    return fonts;
  });
  StartupTiming::mark("display opening");
  if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_EVENTS) != 0) {
    throw std::runtime_error(std::string("cannot open the display: ") + SDL_GetError());
  }
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_FLAGS, 0);
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_MAJOR_VERSION, 3);
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_MINOR_VERSION, 0);
  SDL_GL_SetAttribute(SDL_GL_DOUBLEBUFFER, 1);
  SDL_GL_SetAttribute(SDL_GL_DEPTH_SIZE, 0);
  const Uint32 flags =
      SDL_WINDOW_OPENGL | (config.fullscreen ? SDL_WINDOW_FULLSCREEN_DESKTOP : SDL_WINDOW_RESIZABLE);
  window_ = SDL_CreateWindow("Kiosk", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, config.width,
                             config.height, flags);
  if (window_ == nullptr) {
    const std::string error = SDL_GetError();
    SDL_Quit();
    throw std::runtime_error("cannot create the window: " + error);
  }
  gl_ = SDL_GL_CreateContext(window_);
  if (gl_ == nullptr) {
    const std::string error = SDL_GetError();
    SDL_DestroyWindow(window_);
    SDL_Quit();
    throw std::runtime_error("cannot create the OpenGL context: " + error);
  }
  SDL_GL_MakeCurrent(window_, gl_);
  // Frames are paced by events, never by vsync (unavailable under Xvfb anyway).
  SDL_GL_SetSwapInterval(0);
  SDL_ShowCursor(SDL_DISABLE);

  StartupTiming::mark("window and OpenGL context");
  const auto [body, title] = first_fonts.get();
  fonts_ = {body, title, body, title};
  StartupTiming::mark("first font atlas baked");

  IMGUI_CHECKVERSION();
  ImGui::CreateContext(atlas_.get());
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;
  io.LogFilename = nullptr;
  io.FontDefault = fonts_.body;
  ImGui_ImplSDL2_InitForOpenGL(window_, gl_);
  ImGui_ImplOpenGL3_Init("#version 130");
}

void Display::bake_complete_atlas() {
  // ImFontAtlas touches no ImGui state but the allocation counter, so the
  // complete atlas can be baked while frames are drawn.
  atlas_thread_ = std::thread([this] {
    try {
      auto atlas = std::make_unique<ImFontAtlas>();
      const auto [normal_body, normal_title] = add_text_mode(*atlas, config_, false);
      const auto [large_body, large_title] = add_text_mode(*atlas, config_, true);
      atlas->Build();
      complete_fonts_ = {normal_body, normal_title, large_body, large_title};
      complete_atlas_ = std::move(atlas);
      complete_.store(true, std::memory_order_release);
      StartupTiming::mark("complete font atlas baked");
      request_redraw();
    } catch (const std::exception& error) {
      // The fonts of the first atlas stay in use for both text modes.
      std::fprintf(stderr, "kiosk: %s\n", error.what());
      atlas_failed_.store(true);
      request_redraw();
    }
  });
}

Display::~Display() {
  if (atlas_thread_.joinable()) {
    atlas_thread_.join();
  }
  ImGui_ImplOpenGL3_Shutdown();
  ImGui_ImplSDL2_Shutdown();
  ImGui::DestroyContext();
  SDL_GL_DeleteContext(gl_);
  SDL_DestroyWindow(window_);
  SDL_Quit();
}

int Display::width() const {
  int w = 0;
  int h = 0;
  SDL_GL_GetDrawableSize(window_, &w, &h);
  return w;
}

int Display::height() const {
  int w = 0;
  int h = 0;
  SDL_GL_GetDrawableSize(window_, &w, &h);
  return h;
}

void Display::adopt_complete_atlas() {
  atlas_thread_.join();
  ImGui_ImplOpenGL3_DestroyFontsTexture();
  ImGui::GetIO().Fonts = complete_atlas_.get();
  ImGui::GetIO().FontDefault = complete_fonts_.body;
  atlas_ = std::move(complete_atlas_);
  fonts_ = complete_fonts_;
  ImGui_ImplOpenGL3_CreateFontsTexture();
}

void Display::begin_frame() {
  if (atlas_thread_.joinable() && complete_.load(std::memory_order_acquire)) {
    adopt_complete_atlas();
  }
  ImGui_ImplOpenGL3_NewFrame();
  ImGui_ImplSDL2_NewFrame();
}

void Display::end_frame(const std::optional<std::filesystem::path>& screenshot) {
  ImGui::Render();
  const int w = width();
  const int h = height();
  glViewport(0, 0, w, h);
  const ImVec4 clear = ImGui::GetStyle().Colors[ImGuiCol_WindowBg];
  glClearColor(clear.x, clear.y, clear.z, 1.0f);
  glClear(GL_COLOR_BUFFER_BIT);
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
  if (screenshot) {
    std::vector<unsigned char> pixels(static_cast<std::size_t>(w) * static_cast<std::size_t>(h) * 4);
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glReadPixels(0, 0, w, h, GL_RGBA, GL_UNSIGNED_BYTE, pixels.data());
    // OpenGL rows go bottom-up; PNG rows top-down.
    stbi_flip_vertically_on_write(1);
    if (stbi_write_png(screenshot->c_str(), w, h, 4, pixels.data(), w * 4) == 0) {
      throw std::runtime_error("cannot write " + screenshot->string());
    }
  }
  SDL_GL_SwapWindow(window_);
  if (!first_frame_presented_) {
    first_frame_presented_ = true;
    StartupTiming::mark("first frame presented");
    // Only now, so it does not slow the first frame down.
    bake_complete_atlas();
  }
}

}  // namespace kiosk::app
