#pragma once

#include <map>
#include <memory>
#include <string>
#include <tuple>
#include <vector>

#include "drivers/camera/camera_preview.hpp"
#include "kiosk/app/page_renderer.hpp"
#include "screens/ui.hpp"

namespace kiosk::app {

// OpenGL textures for what the screens show: the face from the chip, vault
// PDF pages rendered at screen resolution by the page renderer's thread,
// receipt QR codes and the camera preview. Only pages near the visible ones
// keep a texture, within a memory budget. clear() destroys every texture and
// the PDF copy when the session is wiped.
class Images final : public ui::ImageSource {
 public:
  Images();
  ~Images() override;
  Images(const Images&) = delete;
  Images& operator=(const Images&) = delete;

  ui::Image face(const SessionView& view) override;
  const ui::DocumentPages& document(const DocumentPreview& preview) override;
  ui::Image page(int page, float width_px, bool sharpen) override;
  bool finish_pages(int first, int last) override;
  ui::Image qr_code(const std::string& text) override;
  ui::CameraView camera() override;
  // The preview must outlive this object.
  void set_camera(camera::CameraPreview* preview) { camera_ = preview; }
  void clear();

 private:
  struct Texture {
    unsigned int id = 0;
    float width = 0;
    float height = 0;
  };
  static Texture upload(const unsigned char* rgba, int width, int height, bool smooth);
  static void destroy(Texture& texture);
  struct PageTexture {
    Texture texture;
    bool unreadable = false;
  };
  void close_document();
  void take_rendered_pages();
  void keep_within_budget(int first, int last);
  [[nodiscard]] int render_width(int page, float width_px) const;

  Texture face_;
  const std::uint8_t* face_source_ = nullptr;
  PageRenderer renderer_;
  std::string document_code_;
  ui::DocumentPages document_;
  std::map<int, PageTexture> pages_;
  std::vector<PageRequest> wishes_;
  std::map<std::string, Texture> qr_codes_;
  camera::CameraPreview* camera_ = nullptr;
  Texture camera_texture_;
  std::uint64_t camera_generation_ = 0;
};

}  // namespace kiosk::app
