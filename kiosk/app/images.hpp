#pragma once

#include <map>
#include <memory>
#include <string>
#include <tuple>
#include <vector>

#include "drivers/camera/camera_preview.hpp"
#include "screens/ui.hpp"

namespace poppler {
class document;
}

namespace kiosk::app {

// OpenGL textures for what the screens show: the face from the chip, vault
// PDF pages rendered with poppler at screen resolution, receipt QR codes and
// the camera preview. clear() destroys every texture and the PDF copy when
// the session is wiped.
class Images final : public ui::ImageSource {
 public:
  Images();
  ~Images() override;
  Images(const Images&) = delete;
  Images& operator=(const Images&) = delete;

  ui::Image face(const SessionView& view) override;
  int page_count(const DocumentPreview& preview) override;
  ui::Image page(const DocumentPreview& preview, int page, float width_px) override;
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
  bool open_document(const DocumentPreview& preview);

  Texture face_;
  const std::uint8_t* face_source_ = nullptr;
  std::string document_code_;
  std::vector<char> document_bytes_;
  std::unique_ptr<poppler::document> document_;
  std::map<std::pair<int, int>, Texture> pages_;  // (page, width)
  std::map<std::string, Texture> qr_codes_;
  camera::CameraPreview* camera_ = nullptr;
  Texture camera_texture_;
  std::uint64_t camera_generation_ = 0;
};

}  // namespace kiosk::app
