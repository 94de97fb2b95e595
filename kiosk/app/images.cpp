#include "kiosk/app/images.hpp"

#include <SDL2/SDL_opengl.h>
#include <qrencode.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>

#include "kiosk/core/secure_wipe.hpp"

namespace kiosk::app {
namespace {

// A page texture at most this big (about 1700 x 2400 pixels for A4), all
// page textures together at most five of them, which covers the visible
// pages and their two neighbours at any zoom: a preview never takes the
// kiosk's memory.
constexpr std::size_t kPageBytes = 16u << 20;
constexpr std::size_t kTextureBudget = 5 * kPageBytes;
constexpr double kMaxTextureSide = 4096;

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
  close_document();
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

void Images::close_document() {
  renderer_.close();
  for (auto& [index, page] : pages_) {
    destroy(page.texture);
  }
  pages_.clear();
  wishes_.clear();
  document_ = {};
  document_code_.clear();
}

void Images::take_rendered_pages() {
  for (RenderedPage& rendered : renderer_.take_finished()) {
    PageTexture& page = pages_[rendered.page];
    if (rendered.width <= 0) {
      page.unreadable = true;
      ++document_.unreadable_pages;
      continue;
    }
    destroy(page.texture);
    page.texture = upload(rendered.rgba.data(), rendered.width, rendered.height, true);
    secure_wipe(rendered.rgba);
  }
}

const ui::DocumentPages& Images::document(const DocumentPreview& preview) {
  if (!preview.loaded || preview.pdf.empty()) {
    if (!document_code_.empty()) {
      close_document();
    }
    return document_;
  }
  if (document_code_ != preview.item_code) {
    close_document();
    renderer_.open(preview.pdf);
    document_code_ = preview.item_code;
  }
  if (document_.state == ui::DocumentPages::State::Opening) {
    const DocumentLayout layout = renderer_.layout();
    if (layout.state == DocumentLayout::State::Ready) {
      document_.state = ui::DocumentPages::State::Ready;
      for (const PageSize& size : layout.pages) {
        document_.sizes.emplace_back(size.width, size.height);
      }
    } else if (layout.state == DocumentLayout::State::Failed) {
      document_.state = ui::DocumentPages::State::Failed;
    }
  }
  take_rendered_pages();
  return document_;
}

int Images::render_width(int page, float width_px) const {
  const ImVec2 size = document_.sizes[static_cast<std::size_t>(page)];
  const double aspect = size.x > 0 ? static_cast<double>(size.y) / size.x : 1.0;
  double width = std::max(1.0, static_cast<double>(width_px));
  // Past the budget of one page (or the texture size every GL driver takes),
  // a deep zoom shows a scaled texture rather than a sharper one.
  width = std::min({width, std::sqrt(static_cast<double>(kPageBytes) / 4.0 / aspect), kMaxTextureSide,
                    kMaxTextureSide / aspect});
  return static_cast<int>(std::lround(width));
}

ui::Image Images::page(int index, float width_px, bool sharpen) {
  if (document_.state != ui::DocumentPages::State::Ready || index < 0 ||
      index >= static_cast<int>(document_.sizes.size())) {
    return {};
  }
  const auto it = pages_.find(index);
  const bool unreadable = it != pages_.end() && it->second.unreadable;
  const Texture* texture = it != pages_.end() && it->second.texture.id != 0 ? &it->second.texture : nullptr;
  const int wanted = render_width(index, width_px);
  if (sharpen && !unreadable &&
      (texture == nullptr || std::abs(static_cast<int>(texture->width) - wanted) > 1)) {
    wishes_.push_back({index, wanted});
  }
  if (texture == nullptr) {
    return {};
  }
  return {as_imgui(texture->id), texture->width, texture->height};
}

void Images::keep_within_budget(int first, int last) {
  std::size_t total = 0;
  for (auto it = pages_.begin(); it != pages_.end();) {
    if (it->first < first || it->first > last) {
      destroy(it->second.texture);
      it = pages_.erase(it);
      continue;
    }
    total += static_cast<std::size_t>(it->second.texture.width * it->second.texture.height) * 4;
    ++it;
  }
  // Many small pages on screen at a low zoom: the farthest from the middle go first.
  const int middle = (first + last) / 2;
  while (total > kTextureBudget && !pages_.empty()) {
    auto farthest = pages_.begin();
    for (auto it = pages_.begin(); it != pages_.end(); ++it) {
      if (std::abs(it->first - middle) > std::abs(farthest->first - middle)) {
        farthest = it;
      }
    }
    total -= static_cast<std::size_t>(farthest->second.texture.width * farthest->second.texture.height) * 4;
    destroy(farthest->second.texture);
    pages_.erase(farthest);
  }
}

bool Images::finish_pages(int first, int last) {
  keep_within_budget(first, last);
  std::erase_if(wishes_, [&](const PageRequest& wish) { return wish.page < first || wish.page > last; });
  const bool asked = !wishes_.empty();
  renderer_.want(std::exchange(wishes_, {}));
  return asked || renderer_.busy();
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
