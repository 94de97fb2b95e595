#include "kiosk/app/page_renderer.hpp"

#include <poppler-document.h>
#include <poppler-image.h>
#include <poppler-page-renderer.h>
#include <poppler-page.h>

#include <algorithm>
#include <memory>
#include <utility>

#include "kiosk/core/secure_wipe.hpp"
#include "kiosk/core/stack_wipe.hpp"

namespace kiosk::app {
namespace {

std::optional<RenderedPage> render(poppler::document& document, const PageRequest& request) {
  std::unique_ptr<poppler::page> page(document.create_page(request.page));
  if (!page || request.width_px <= 0) {
    return std::nullopt;
  }
  const poppler::rectf box = page->page_rect();
  if (box.width() <= 0 || box.height() <= 0) {
    return std::nullopt;
  }
  const double dpi = 72.0 * request.width_px / box.width();
  poppler::page_renderer renderer;
  renderer.set_render_hint(poppler::page_renderer::antialiasing, true);
  renderer.set_render_hint(poppler::page_renderer::text_antialiasing, true);
  renderer.set_image_format(poppler::image::format_argb32);
  poppler::image image = renderer.render_page(page.get(), dpi, dpi);
  if (!image.is_valid() || image.width() <= 0 || image.height() <= 0) {
    return std::nullopt;
  }
  RenderedPage out{request.page, image.width(), image.height(), {}};
  const auto w = static_cast<std::size_t>(out.width);
  out.rgba.resize(w * static_cast<std::size_t>(out.height) * 4);
  const char* data = image.const_data();
  for (int y = 0; y < out.height; ++y) {
    // ARGB32 is stored as B, G, R, A bytes on little-endian machines.
    const auto* row =
        reinterpret_cast<const std::uint8_t*>(data + static_cast<std::ptrdiff_t>(y) * image.bytes_per_row());
    std::uint8_t* dst = out.rgba.data() + static_cast<std::size_t>(y) * w * 4;
    for (std::size_t x = 0; x < w; ++x) {
      dst[x * 4 + 0] = row[x * 4 + 2];
      dst[x * 4 + 1] = row[x * 4 + 1];
      dst[x * 4 + 2] = row[x * 4 + 0];
      dst[x * 4 + 3] = row[x * 4 + 3];
    }
  }
  // poppler's own copy of the pixels goes with `image`; overwrite it first.
  std::fill_n(image.data(), static_cast<std::ptrdiff_t>(image.bytes_per_row()) * image.height(), '\0');
  return out;
}

}  // namespace

PageRenderer::PageRenderer() : thread_([this] { work(); }) {}

PageRenderer::~PageRenderer() {
  {
    const std::lock_guard lock(mutex_);
    stop_ = true;
  }
  wake_.notify_all();
  thread_.join();
  close();
}

void PageRenderer::forget_locked() {
  ++generation_;
  wanted_.clear();
  for (auto& page : finished_) {
    secure_wipe(page.rgba);
  }
  finished_.clear();
  if (to_open_) {
    secure_wipe(*to_open_);
  }
}

void PageRenderer::open(const std::vector<std::uint8_t>& pdf) {
  {
    const std::lock_guard lock(mutex_);
    forget_locked();
    // An empty document cannot open: it fails like any other unreadable file.
    to_open_.emplace(pdf.begin(), pdf.end());
    if (to_open_->empty()) {
      to_open_->push_back('\0');
    }
    layout_ = {DocumentLayout::State::Opening, {}};
  }
  wake_.notify_all();
}

void PageRenderer::close() {
  {
    const std::lock_guard lock(mutex_);
    forget_locked();
    // An empty buffer tells the worker to let its document go.
    to_open_.emplace();
    layout_ = {};
  }
  wake_.notify_all();
}

DocumentLayout PageRenderer::layout() const {
  const std::lock_guard lock(mutex_);
  return layout_;
}

void PageRenderer::want(std::vector<PageRequest> requests) {
  {
    const std::lock_guard lock(mutex_);
    if (in_progress_) {
      std::erase(requests, *in_progress_);
    }
    wanted_.assign(requests.begin(), requests.end());
  }
  wake_.notify_all();
}

std::vector<RenderedPage> PageRenderer::take_finished() {
  const std::lock_guard lock(mutex_);
  return std::exchange(finished_, {});
}

bool PageRenderer::busy() const {
  const std::lock_guard lock(mutex_);
  return (to_open_ && !to_open_->empty()) || layout_.state == DocumentLayout::State::Opening ||
         !wanted_.empty() || in_progress_ || !finished_.empty();
}

void PageRenderer::work() {
  // poppler reads from `bytes` for as long as `document` lives.
  std::vector<char> bytes;
  std::unique_ptr<poppler::document> document;
  std::unique_lock lock(mutex_);
  for (;;) {
    wake_.wait(lock, [this] { return stop_ || to_open_ || !wanted_.empty(); });
    if (stop_) {
      break;
    }
    if (to_open_) {
      document.reset();
      secure_wipe(bytes);
      bytes = std::move(*to_open_);
      to_open_.reset();
      if (bytes.empty()) {
        continue;
      }
      const std::uint64_t generation = generation_;
      lock.unlock();
      DocumentLayout layout;
      run_then_wipe_stack([&] {
        document.reset(poppler::document::load_from_raw_data(bytes.data(), static_cast<int>(bytes.size())));
        if (document && !document->is_locked()) {
          layout.state = DocumentLayout::State::Ready;
          for (int i = 0; i < document->pages(); ++i) {
            std::unique_ptr<poppler::page> page(document->create_page(i));
            const poppler::rectf box = page ? page->page_rect() : poppler::rectf{};
            layout.pages.push_back({static_cast<float>(box.width()), static_cast<float>(box.height())});
          }
        } else {
          layout.state = DocumentLayout::State::Failed;
          document.reset();
        }
      });
      lock.lock();
      if (generation == generation_) {
        layout_ = std::move(layout);
      }
      continue;
    }
    const PageRequest request = wanted_.front();
    wanted_.pop_front();
    if (!document) {
      continue;
    }
    in_progress_ = request;
    const std::uint64_t generation = generation_;
    lock.unlock();
    std::optional<RenderedPage> page;
    run_then_wipe_stack([&] { page = render(*document, request); });
    lock.lock();
    in_progress_.reset();
    if (generation != generation_) {
      if (page) {
        secure_wipe(page->rgba);
      }
    } else {
      finished_.push_back(page ? std::move(*page) : RenderedPage{request.page, 0, 0, {}});
    }
  }
  lock.unlock();
  document.reset();
  secure_wipe(bytes);
}

}  // namespace kiosk::app
