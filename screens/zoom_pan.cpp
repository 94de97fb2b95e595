#include "screens/zoom_pan.hpp"

#include <algorithm>
#include <cmath>

namespace kiosk::ui {
namespace {

// Below this speed (pixels per frame) a fling has stopped.
constexpr float kRestingSpeed = 0.5f;

float distance_squared(Point a, Point b) {
  return (a.x - b.x) * (a.x - b.x) + (a.y - b.y) * (a.y - b.y);
}

}  // namespace

bool ZoomPan::moving() const {
  return down_ || std::fabs(velocity_.x) > kRestingSpeed || std::fabs(velocity_.y) > kRestingSpeed;
}

void ZoomPan::clamp(Point viewport, float document_height) {
  const float width = viewport.x * zoom_;
  const float height = document_height * zoom_;
  if (width <= viewport.x) {
    offset_.x = -(viewport.x - width) / 2;  // narrower than the screen: centred
  } else {
    offset_.x = std::clamp(offset_.x, 0.0f, width - viewport.x);
  }
  offset_.y = height <= viewport.y ? 0.0f : std::clamp(offset_.y, 0.0f, height - viewport.y);
}

void ZoomPan::zoom_at(float zoom, Point focus, Point viewport, float document_height) {
  const Point anchor{(offset_.x + focus.x) / zoom_, (offset_.y + focus.y) / zoom_};
  zoom_ = std::clamp(zoom, kMinZoom, kMaxZoom);
  offset_ = {anchor.x * zoom_ - focus.x, anchor.y * zoom_ - focus.y};
  clamp(viewport, document_height);
}

void ZoomPan::update(const TouchFrame& touch, Point viewport, float document_height, float slop) {
  if (touch.pinch) {
    const float distance = std::max(1.0f, std::sqrt(distance_squared(touch.a, touch.b)));
    const Point middle{(touch.a.x + touch.b.x) / 2, (touch.a.y + touch.b.y) / 2};
    if (!pinching_) {
      pinching_ = true;
      pinched_ = true;
      down_ = true;
      dragging_ = false;
      velocity_ = {};
      pinch_start_distance_ = distance;
      pinch_start_zoom_ = zoom_;
      pinch_anchor_ = {(offset_.x + middle.x) / zoom_, (offset_.y + middle.y) / zoom_};
    }
    // The document point first under the fingers stays under their midpoint.
    zoom_ = std::clamp(pinch_start_zoom_ * distance / pinch_start_distance_, kMinZoom, kMaxZoom);
    offset_ = {pinch_anchor_.x * zoom_ - middle.x, pinch_anchor_.y * zoom_ - middle.y};
    clamp(viewport, document_height);
    return;
  }
  pinching_ = false;

  if (touch.down) {
    if (!touch.position_known) {
      down_ = true;
      return;
    }
    if (!down_) {
      down_ = true;
      pinched_ = false;
      dragging_ = false;
      pressed_at_ = last_ = touch.position;
      velocity_ = {};
      return;
    }
    if (pinched_) {
      return;  // the finger left over from a pinch does not drag
    }
    if (!dragging_ && distance_squared(touch.position, pressed_at_) > slop * slop) {
      dragging_ = true;
    }
    const Point delta{touch.position.x - last_.x, touch.position.y - last_.y};
    last_ = touch.position;
    if (dragging_) {
      offset_ = {offset_.x - delta.x, offset_.y - delta.y};
      // Smoothed finger speed, in pixels per frame, for the fling.
      velocity_ = {0.6f * velocity_.x + 0.4f * -delta.x, 0.6f * velocity_.y + 0.4f * -delta.y};
      clamp(viewport, document_height);
    }
    return;
  }

  if (down_) {
    down_ = false;
    const bool tap = !pinched_ && !dragging_;
    if (!dragging_) {
      velocity_ = {};
    }
    pinched_ = false;
    dragging_ = false;
    if (tap) {
      const float near = 4 * slop;
      if (last_tap_time_ >= 0 && touch.time - last_tap_time_ <= kDoubleTapSeconds &&
          distance_squared(last_tap_, pressed_at_) <= near * near) {
        const bool at_fit_width = std::fabs(zoom_ - 1.0f) < 0.01f;
        zoom_at(at_fit_width ? kDoubleTapZoom : 1.0f, pressed_at_, viewport, document_height);
        last_tap_time_ = -1;
      } else {
        last_tap_time_ = touch.time;
        last_tap_ = pressed_at_;
      }
    }
    return;
  }

  if (moving()) {
    const Point before = offset_;
    offset_ = {offset_.x + velocity_.x, offset_.y + velocity_.y};
    clamp(viewport, document_height);
    // An edge stops the fling along that axis.
    velocity_.x = offset_.x == before.x + velocity_.x ? velocity_.x * 0.92f : 0.0f;
    velocity_.y = offset_.y == before.y + velocity_.y ? velocity_.y * 0.92f : 0.0f;
  } else {
    velocity_ = {};
    clamp(viewport, document_height);
  }
}

}  // namespace kiosk::ui
