#include "drivers/camera/multi_frame_decoder.hpp"

#include <algorithm>
#include <cstdlib>
#include <limits>

#include "kiosk/core/secure_wipe.hpp"

namespace kiosk::camera {
namespace {

// Every this many pixels in each direction when matching frames: enough
// samples on a code's modules, a sixteenth of the work.
constexpr int kAlignStep = 4;

bool centre_inside(const qr::Area& a, const qr::Area& b) {
  const int cx = a.left + a.width / 2, cy = a.top + a.height / 2;
  return cx >= b.left && cx < b.left + b.width && cy >= b.top && cy < b.top + b.height;
}

}  // namespace

MultiFrameDecoder::MultiFrameDecoder(qr::QrDecoder::Options decoder, Options options)
    : decoder_(decoder), options_(options) {}

MultiFrameDecoder::~MultiFrameDecoder() {
  reset();
}

void MultiFrameDecoder::reset() {
  secure_wipe(reference_);
  secure_wipe(sum_);
  frames_ = 0;
}

void MultiFrameDecoder::start(const qr::GrayView& frame, const qr::Area& area) {
  reset();
  area_ = area;
  reference_.resize(static_cast<std::size_t>(area.width) * static_cast<std::size_t>(area.height));
  sum_.resize(reference_.size());
  for (int y = 0; y < area.height; ++y) {
    const std::uint8_t* row = frame.row(area.top + y) + area.left;
    for (int x = 0; x < area.width; ++x) {
      const auto i =
          static_cast<std::size_t>(y) * static_cast<std::size_t>(area.width) + static_cast<std::size_t>(x);
      reference_[i] = row[x];
      sum_[i] = row[x];
    }
  }
  frames_ = 1;
}

void MultiFrameDecoder::add(const qr::GrayView& frame) {
  // The shift of this frame against the first that matches best, over the
  // inner part of the area so every shifted sample stays in the frame.
  const int s = options_.search_px;
  const qr::Area& a = area_;
  auto pixel = [&](int x, int y) {
    return frame.row(std::clamp(y, 0, frame.height - 1))[std::clamp(x, 0, frame.width - 1)];
  };
  long best = std::numeric_limits<long>::max();
  int best_dx = 0, best_dy = 0;
  for (int dy = -s; dy <= s; ++dy) {
    for (int dx = -s; dx <= s; ++dx) {
      long sad = 0;
      for (int y = s; y < a.height - s && sad < best; y += kAlignStep) {
        const std::uint8_t* ref = reference_.data() + static_cast<std::ptrdiff_t>(y) * a.width;
        for (int x = s; x < a.width - s; x += kAlignStep) {
          sad +=
              std::abs(static_cast<int>(ref[x]) - static_cast<int>(pixel(a.left + x + dx, a.top + y + dy)));
        }
      }
      if (sad < best) {
        best = sad;
        best_dx = dx;
        best_dy = dy;
      }
    }
  }
  for (int y = 0; y < a.height; ++y) {
    for (int x = 0; x < a.width; ++x) {
      sum_[static_cast<std::size_t>(y) * static_cast<std::size_t>(a.width) + static_cast<std::size_t>(x)] +=
          pixel(a.left + x + best_dx, a.top + y + best_dy);
    }
  }
  ++frames_;
}

qr::DecodeOutcome MultiFrameDecoder::decode(const qr::GrayView& frame) {
  qr::DecodeOutcome out = decoder_.decode(frame);
  if (!options_.enabled || !out.symbols.empty() || !out.sighting.searched) {
    // Read, or no code in view: nothing to combine.
    if (frames_ > 0) {
      reset();
    }
    return out;
  }
  const qr::Area& area = *out.sighting.searched;
  if (frames_ == 0 || frames_ >= options_.max_frames || !centre_inside(area, area_)) {
    start(frame, area);
    return out;
  }
  add(frame);
  qr::GrayImage average;
  average.width = area_.width;
  average.height = area_.height;
  average.pixels.resize(sum_.size());
  const auto n = static_cast<unsigned>(frames_);
  for (std::size_t i = 0; i < sum_.size(); ++i) {
    average.pixels[i] = static_cast<std::uint8_t>((sum_[i] + n / 2) / n);
  }
  qr::DecodeOutcome combined = decoder_.decode(average.view());
  secure_wipe(average.pixels);
  out.passes += combined.passes;
  if (!combined.symbols.empty()) {
    for (qr::DecodedSymbol& symbol : combined.symbols) {
      for (qr::PointF& p : symbol.corners) {
        p.x += static_cast<float>(area_.left);
        p.y += static_cast<float>(area_.top);
      }
      out.symbols.push_back(std::move(symbol));
    }
    out.read_by = combined.read_by;
    out.combined_frames = frames_;
    reset();
  }
  return out;
}

}  // namespace kiosk::camera
