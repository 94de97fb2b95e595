#pragma once

namespace kiosk::ui {

struct Point {
  float x = 0;
  float y = 0;
};

// What the fingers did in one frame, in viewport coordinates (the
// viewport's top-left corner is 0,0).
struct TouchFrame {
  double time = 0;             // seconds, any origin
  bool down = false;           // one finger (or the mouse) is down
  bool position_known = true;  // false while a pinch's fingers are still lifting
  Point position;
  bool pinch = false;  // two fingers are down at a and b
  Point a;
  Point b;
};

// Zoom and pan of a document in a viewport, driven by touch: two fingers
// zoom around their midpoint and move the page with it, one finger drags it
// with a fling after release (the same feel as the kiosk's scrolling lists),
// a double tap toggles fit-width and 2x around the tapped point.
//
// Zoom 1 shows the document's width across the viewport; the document's
// height at zoom 1 is given each frame. The offset is the document point, in
// pixels at the current zoom, shown at the viewport's top-left corner.
class ZoomPan {
 public:
  static constexpr float kMinZoom = 0.5f;
  static constexpr float kMaxZoom = 4.0f;
  static constexpr float kDoubleTapZoom = 2.0f;
  static constexpr double kDoubleTapSeconds = 0.35;

  // `slop` is how far a finger may move and still tap (pixels).
  void update(const TouchFrame& touch, Point viewport, float document_height, float slop);
  // Zooms so that the document point under `focus` stays there.
  void zoom_at(float zoom, Point focus, Point viewport, float document_height);
  void reset() { *this = ZoomPan{}; }

  [[nodiscard]] float zoom() const { return zoom_; }
  [[nodiscard]] Point offset() const { return offset_; }
  // A finger is on the document or it still glides: keep drawing frames.
  [[nodiscard]] bool moving() const;
  // Nothing touches or moves the document: time to render sharp pages.
  [[nodiscard]] bool settled() const { return !moving(); }

 private:
  void clamp(Point viewport, float document_height);

  float zoom_ = 1.0f;
  Point offset_;
  Point velocity_;
  // The gesture in progress.
  bool down_ = false;
  bool dragging_ = false;
  bool pinched_ = false;  // this touch was a pinch: its release is no tap
  Point pressed_at_;
  Point last_;
  bool pinching_ = false;
  float pinch_start_distance_ = 0;
  float pinch_start_zoom_ = 1;
  Point pinch_anchor_;  // document point under the fingers at zoom 1
  double last_tap_time_ = -1;
  Point last_tap_;
};

}  // namespace kiosk::ui
