#include "kiosk/app/display.hpp"

#include <SDL2/SDL_opengl.h>
#include <backends/imgui_impl_opengl3.h>
#include <backends/imgui_impl_sdl.h>
#include <imgui.h>
#include <stb/stb_image_write.h>

#include <stdexcept>
#include <vector>

#include "screens/glyph_ranges.hpp"

namespace kiosk::app {
namespace {

ImFont* add_font(const Config& config, float size) {
  ImGuiIO& io = ImGui::GetIO();
  const bool primary = std::filesystem::exists(config.font);
  const std::filesystem::path& file = primary ? config.font : config.fallback_font;
  if (!std::filesystem::exists(file)) {
    throw std::runtime_error("ui.font: neither " + config.font.string() + " nor " +
                             config.fallback_font.string() + " exists");
  }
  ImFontConfig base;
  base.OversampleH = 2;
  base.OversampleV = 1;
  ImFont* font = io.Fonts->AddFontFromFileTTF(file.c_str(), size, &base, ui::vietnamese_glyph_ranges());
  if (font == nullptr) {
    throw std::runtime_error("ui.font: cannot load " + file.string());
  }
  if (std::filesystem::exists(config.fallback_font)) {
    ImFontConfig merge;
    merge.MergeMode = true;
    merge.OversampleH = 1;
    io.Fonts->AddFontFromFileTTF(config.fallback_font.c_str(), size, &merge, ui::symbol_glyph_ranges());
  }
  return font;
}

}  // namespace

Display::Display(const Config& config) {
  // One touch path: touches arrive as SDL finger events, and the mouse
  // events SDL would synthesise from them are ignored by the main loop.
  SDL_SetHint(SDL_HINT_TOUCH_MOUSE_EVENTS, "1");
  SDL_SetHint(SDL_HINT_VIDEO_X11_NET_WM_BYPASS_COMPOSITOR, "0");
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

  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;
  io.LogFilename = nullptr;
  ImGui_ImplSDL2_InitForOpenGL(window_, gl_);
  ImGui_ImplOpenGL3_Init("#version 130");

  ui::Metrics normal{config.dpi, false};
  ui::Metrics large{config.dpi, true};
  fonts_.body = add_font(config, normal.body_text());
  fonts_.title = add_font(config, normal.title_text());
  fonts_.body_large = add_font(config, large.body_text());
  fonts_.title_large = add_font(config, large.title_text());
  io.FontDefault = fonts_.body;
}

Display::~Display() {
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

void Display::begin_frame() {
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
}

}  // namespace kiosk::app
