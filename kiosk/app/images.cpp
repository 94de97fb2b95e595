#include "kiosk/app/images.hpp"

#include <SDL2/SDL_opengl.h>
#include <poppler-document.h>
#include <poppler-image.h>
#include <poppler-page-renderer.h>
#include <poppler-page.h>
#include <qrencode.h>

#include <cmath>

#include "kiosk/core/secure_wipe.hpp"

namespace kiosk::app {
namespace {

ImTextureID as_imgui(unsigned int id) {
  return reinterpret_cast<ImTextureID>(static_cast<std::uintptr_t>(id));
}

}  // namespace

Images::Images() = default;

Images::~Images() {
  clear();
}

Images::Texture Images::upload(const unsigned char* rgba, int width, int height, bool smooth) {
  Texture texture;
  glGenTextures(1, &texture.id);
  glBindTexture(GL_TEXTURE_2D, texture.id);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, smooth ? GL_LINEAR : GL_NEAREST);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, smooth ? GL_LINEAR : GL_NEAREST);
  glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
  glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA, width, height, 0, GL_RGBA, GL_UNSIGNED_BYTE, rgba);
  texture.width = static_cast<float>(width);
  texture.height = static_cast<float>(height);
  return texture;
}

void Images::destroy(Texture& texture) {
  if (texture.id != 0) {
    glDeleteTextures(1, &texture.id);
  }
  texture = {};
}

void Images::clear() {
  destroy(face_);
  face_source_ = nullptr;
  for (auto& [key, texture] : pages_) {
    destroy(texture);
  }
  pages_.clear();
  document_.reset();
  secure_wipe(document_bytes_);
  document_code_.clear();
  for (auto& [text, texture] : qr_codes_) {
    destroy(texture);
  }
  qr_codes_.clear();
  destroy(camera_texture_);
}

ui::Image Images::face(const SessionView& view) {
  if (view.face_rgba.empty() || view.face_width <= 0 || view.face_height <= 0 ||
      view.face_rgba.size() <
          static_cast<std::size_t>(view.face_width) * static_cast<std::size_t>(view.face_height) * 4) {
    return {};
  }
  if (face_source_ != view.face_rgba.data()) {
    destroy(face_);
    face_ = upload(view.face_rgba.data(), view.face_width, view.face_height, true);
    face_source_ = view.face_rgba.data();
  }
  return {as_imgui(face_.id), face_.width, face_.height};
}

bool Images::open_document(const DocumentPreview& preview) {
  if (!preview.loaded || preview.pdf.empty()) {
    return false;
  }
  if (document_ && document_code_ == preview.item_code) {
    return true;
  }
  clear();
  // poppler reads from this buffer for as long as the document lives.
  document_bytes_.assign(preview.pdf.begin(), preview.pdf.end());
  document_.reset(poppler::document::load_from_raw_data(document_bytes_.data(),
                                                        static_cast<int>(document_bytes_.size())));
  document_code_ = preview.item_code;
  return document_ != nullptr && !document_->is_locked();
}

int Images::page_count(const DocumentPreview& preview) {
  return open_document(preview) ? document_->pages() : 0;
}

ui::Image Images::page(const DocumentPreview& preview, int index, float width_px) {
  if (!open_document(preview) || index < 0 || index >= document_->pages()) {
    return {};
  }
  const int width = static_cast<int>(std::lround(width_px));
  const auto key = std::pair{index, width};
  if (const auto it = pages_.find(key); it != pages_.end()) {
    return {as_imgui(it->second.id), it->second.width, it->second.height};
  }
  std::unique_ptr<poppler::page> page(document_->create_page(index));
  if (!page) {
    return {};
  }
  const poppler::rectf box = page->page_rect();
  if (box.width() <= 0) {
    return {};
  }
  const double dpi = 72.0 * width / box.width();
  poppler::page_renderer renderer;
  renderer.set_render_hint(poppler::page_renderer::antialiasing, true);
  renderer.set_render_hint(poppler::page_renderer::text_antialiasing, true);
  renderer.set_image_format(poppler::image::format_argb32);
  poppler::image image = renderer.render_page(page.get(), dpi, dpi);
  if (!image.is_valid()) {
    return {};
  }
  // ARGB32 is stored as B, G, R, A bytes on little-endian machines.
  const int w = image.width();
  const int h = image.height();
  std::vector<unsigned char> rgba(static_cast<std::size_t>(w) * static_cast<std::size_t>(h) * 4);
  const char* data = image.const_data();
  for (int y = 0; y < h; ++y) {
    const auto* row =
        reinterpret_cast<const unsigned char*>(data + static_cast<std::ptrdiff_t>(y) * image.bytes_per_row());
    for (int x = 0; x < w; ++x) {
      unsigned char* out =
          &rgba[(static_cast<std::size_t>(y) * static_cast<std::size_t>(w) + static_cast<std::size_t>(x)) *
                4];
      out[0] = row[x * 4 + 2];
      out[1] = row[x * 4 + 1];
      out[2] = row[x * 4 + 0];
      out[3] = row[x * 4 + 3];
    }
  }
  Texture texture = upload(rgba.data(), w, h, true);
  secure_wipe(rgba);
  pages_[key] = texture;
  return {as_imgui(texture.id), texture.width, texture.height};
}

ui::Image Images::qr_code(const std::string& text) {
  if (text.empty()) {
    return {};
  }
  if (const auto it = qr_codes_.find(text); it != qr_codes_.end()) {
    return {as_imgui(it->second.id), it->second.width, it->second.height};
  }
  std::unique_ptr<QRcode, decltype(&QRcode_free)> code(
      QRcode_encodeString(text.c_str(), 0, QR_ECLEVEL_M, QR_MODE_8, 1), &QRcode_free);
  if (!code) {
    return {};
  }
  constexpr int kQuiet = 4;
  const int side = code->width + 2 * kQuiet;
  std::vector<unsigned char> rgba(static_cast<std::size_t>(side) * static_cast<std::size_t>(side) * 4, 255);
  for (int y = 0; y < code->width; ++y) {
    for (int x = 0; x < code->width; ++x) {
      if ((code->data[y * code->width + x] & 1) != 0) {
        unsigned char* out = &rgba[(static_cast<std::size_t>(y + kQuiet) * static_cast<std::size_t>(side) +
                                    static_cast<std::size_t>(x + kQuiet)) *
                                   4];
        out[0] = out[1] = out[2] = 0;
      }
    }
  }
  Texture texture = upload(rgba.data(), side, side, false);
  qr_codes_[text] = texture;
  return {as_imgui(texture.id), texture.width, texture.height};
}

ui::CameraView Images::camera() {
  ui::CameraView view;
  if (camera_ == nullptr) {
    view.state = ui::CameraView::State::Unavailable;
    return view;
  }
  const camera::LatestFrame::Snapshot snapshot = camera_->frames().get();
  if (snapshot.generation != camera_generation_) {
    camera_generation_ = snapshot.generation;
    const camera::Frame* frame = snapshot.frame.get();
    if (frame == nullptr || frame->width <= 0 || frame->height <= 0 ||
        frame->rgb.size() <
            static_cast<std::size_t>(frame->rgb_stride()) * static_cast<std::size_t>(frame->height)) {
      destroy(camera_texture_);
    } else {
      // The same texture is refilled while the size holds: one copy per camera frame.
      const bool same_size = camera_texture_.id != 0 &&
                             camera_texture_.width == static_cast<float>(frame->width) &&
                             camera_texture_.height == static_cast<float>(frame->height);
      if (!same_size) {
        destroy(camera_texture_);
        glGenTextures(1, &camera_texture_.id);
        glBindTexture(GL_TEXTURE_2D, camera_texture_.id);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
        glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
        glTexImage2D(GL_TEXTURE_2D, 0, GL_RGB, frame->width, frame->height, 0, GL_RGB, GL_UNSIGNED_BYTE,
                     frame->rgb.data());
        camera_texture_.width = static_cast<float>(frame->width);
        camera_texture_.height = static_cast<float>(frame->height);
      } else {
        glBindTexture(GL_TEXTURE_2D, camera_texture_.id);
        glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
        glTexSubImage2D(GL_TEXTURE_2D, 0, 0, 0, frame->width, frame->height, GL_RGB, GL_UNSIGNED_BYTE,
                        frame->rgb.data());
      }
    }
  }
  if (camera_texture_.id != 0) {
    view.picture = {as_imgui(camera_texture_.id), camera_texture_.width, camera_texture_.height};
  }
  using State = ui::CameraView::State;
  switch (camera_->state()) {
    case camera::CameraState::kOff:
      view.state = State::Off;
      break;
    case camera::CameraState::kStarting:
      view.state = State::Starting;
      break;
    case camera::CameraState::kLive:
      view.state = State::Live;
      break;
    case camera::CameraState::kUnavailable:
      view.state = State::Unavailable;
      break;
    case camera::CameraState::kFailed:
      view.state = State::Failed;
      break;
  }
  using Hint = ui::CameraView::Hint;
  switch (camera_->hint()) {
    case qr::Hint::kNone:
      view.hint = Hint::None;
      break;
    case qr::Hint::kNoCodeSeen:
      view.hint = Hint::NoCodeSeen;
      break;
    case qr::Hint::kMoveCloser:
      view.hint = Hint::MoveCloser;
      break;
    case qr::Hint::kTooMuchGlare:
      view.hint = Hint::TooMuchGlare;
      break;
    case qr::Hint::kHoldStill:
      view.hint = Hint::HoldStill;
      break;
  }
  return view;
}

}  // namespace kiosk::app
