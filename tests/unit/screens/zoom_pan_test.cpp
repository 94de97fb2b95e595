#include "screens/zoom_pan.hpp"

#include <gtest/gtest.h>

namespace kiosk::ui {
namespace {

constexpr Point kViewport{800, 600};
constexpr float kDocument = 3000;  // height at zoom 1
constexpr float kSlop = 10;

struct Fingers {
  ZoomPan zoom;
  double time = 0;

  void frame(TouchFrame touch) {
    time += 1.0 / 60;
    touch.time = time;
    zoom.update(touch, kViewport, kDocument, kSlop);
  }
  void down(Point at) { frame({0, true, true, at, false, {}, {}}); }
  void up() { frame({}); }
  void pinch(Point a, Point b) { frame({0, true, false, {}, true, a, b}); }
  void tap(Point at) {
    down(at);
    up();
  }
  void settle() {
    for (int i = 0; i < 1000 && zoom.moving(); ++i) {
      up();
    }
  }
};

TEST(ZoomPan, StartsAtFitWidthOnTheFirstPage) {
  ZoomPan zoom;
  EXPECT_FLOAT_EQ(zoom.zoom(), 1.0f);
  EXPECT_FLOAT_EQ(zoom.offset().x, 0.0f);
  EXPECT_FLOAT_EQ(zoom.offset().y, 0.0f);
  EXPECT_TRUE(zoom.settled());
}

TEST(ZoomPan, PinchZoomsAroundTheFingersMidpoint) {
  Fingers f;
  f.down({300, 200});
  f.pinch({300, 200}, {500, 200});  // midpoint (400, 200), 200 apart
  EXPECT_FALSE(f.zoom.settled());
  f.pinch({200, 200}, {600, 200});  // same midpoint, twice as far apart
  EXPECT_FLOAT_EQ(f.zoom.zoom(), 2.0f);
  // The document point under the midpoint (400, 200) at zoom 1 is still there.
  EXPECT_FLOAT_EQ((f.zoom.offset().x + 400) / 2, 400.0f);
  EXPECT_FLOAT_EQ((f.zoom.offset().y + 200) / 2, 200.0f);
  f.up();
  EXPECT_TRUE(f.zoom.settled());
}

TEST(ZoomPan, PinchMovesThePageWithTheFingers) {
  Fingers f;
  f.down({300, 300});
  f.pinch({300, 300}, {500, 300});
  f.pinch({200, 300}, {600, 300});  // zoom 2 around (400, 300)
  const Point before = f.zoom.offset();
  f.pinch({200, 250}, {600, 250});  // both fingers 50 px up
  EXPECT_FLOAT_EQ(f.zoom.offset().y, before.y + 50);
  EXPECT_FLOAT_EQ(f.zoom.offset().x, before.x);
}

TEST(ZoomPan, PinchStaysWithinTheZoomLimits) {
  Fingers f;
  f.down({390, 300});
  f.pinch({390, 300}, {410, 300});
  f.pinch({0, 300}, {800, 300});  // 40 times apart
  EXPECT_FLOAT_EQ(f.zoom.zoom(), ZoomPan::kMaxZoom);
  f.up();
  f.down({0, 300});
  f.pinch({0, 300}, {800, 300});
  f.pinch({395, 300}, {405, 300});
  EXPECT_FLOAT_EQ(f.zoom.zoom(), ZoomPan::kMinZoom);
  // Narrower than the viewport: centred, and at the top.
  EXPECT_FLOAT_EQ(f.zoom.offset().x, -(800 - 800 * ZoomPan::kMinZoom) / 2);
}

TEST(ZoomPan, ReleasingAPinchFingerByFingerIsNoTapAndNoDrag) {
  Fingers f;
  f.down({300, 300});
  f.pinch({300, 300}, {500, 300});
  f.pinch({200, 300}, {600, 300});
  const Point after_pinch = f.zoom.offset();
  // One finger lifts: the other is nowhere the UI can see until it lifts too.
  f.frame({0, true, false, {}, false, {}, {}});
  f.up();
  f.tap({400, 300});  // a single tap right after is not a double tap
  EXPECT_FLOAT_EQ(f.zoom.zoom(), 2.0f);
  EXPECT_FLOAT_EQ(f.zoom.offset().x, after_pinch.x);
  EXPECT_FLOAT_EQ(f.zoom.offset().y, after_pinch.y);
}

TEST(ZoomPan, OneFingerDragPansAndFlings) {
  Fingers f;
  f.down({400, 500});
  for (int i = 1; i <= 10; ++i) {
    f.down({400, 500 - 20.0f * static_cast<float>(i)});
  }
  // The first move beyond the slop starts the drag; every pixel after it pans.
  const float dragged = f.zoom.offset().y;
  EXPECT_GT(dragged, 150.0f);
  EXPECT_LE(dragged, 200.0f);
  f.up();
  EXPECT_TRUE(f.zoom.moving());  // the page glides on after the finger lifts
  f.settle();
  EXPECT_GT(f.zoom.offset().y, dragged + 20);
  EXPECT_TRUE(f.zoom.settled());
}

TEST(ZoomPan, DragStopsAtTheDocumentEdges) {
  Fingers f;
  f.down({400, 100});
  f.down({400, 300});
  f.down({400, 500});  // dragging down at the top: nothing above
  EXPECT_FLOAT_EQ(f.zoom.offset().y, 0.0f);
  f.up();
  f.settle();
  for (int i = 0; i < 40; ++i) {
    f.down({400, 590});
    f.down({400, 10});
    f.up();
  }
  f.settle();
  EXPECT_FLOAT_EQ(f.zoom.offset().y, kDocument - kViewport.y);
  EXPECT_FLOAT_EQ(f.zoom.offset().x, 0.0f);  // at fit width there is nothing to the side
}

TEST(ZoomPan, SmallMovesAreTapsNotDrags) {
  Fingers f;
  f.down({400, 300});
  f.down({405, 303});
  f.up();
  EXPECT_FLOAT_EQ(f.zoom.offset().y, 0.0f);
  EXPECT_TRUE(f.zoom.settled());
}

TEST(ZoomPan, DoubleTapTogglesFitWidthAndTwiceAroundTheTap) {
  Fingers f;
  f.tap({600, 300});
  f.tap({602, 301});
  EXPECT_FLOAT_EQ(f.zoom.zoom(), ZoomPan::kDoubleTapZoom);
  // The point under the second tap stays put.
  EXPECT_FLOAT_EQ((f.zoom.offset().x + 602) / 2, 602.0f);
  EXPECT_FLOAT_EQ((f.zoom.offset().y + 301) / 2, 301.0f);
  f.time += 1;
  f.tap({200, 200});
  f.tap({200, 200});
  EXPECT_FLOAT_EQ(f.zoom.zoom(), 1.0f);
  EXPECT_FLOAT_EQ(f.zoom.offset().x, 0.0f);
}

TEST(ZoomPan, SlowOrDistantTapsAreNoDoubleTap) {
  Fingers f;
  f.tap({400, 300});
  f.time += ZoomPan::kDoubleTapSeconds;
  f.tap({400, 300});
  EXPECT_FLOAT_EQ(f.zoom.zoom(), 1.0f);
  f.time += 1;
  f.tap({100, 100});
  f.tap({700, 500});
  EXPECT_FLOAT_EQ(f.zoom.zoom(), 1.0f);
}

TEST(ZoomPan, ButtonsZoomAroundAPointAndResetReturnsToFitWidth) {
  ZoomPan zoom;
  zoom.zoom_at(3.0f, {400, 300}, kViewport, kDocument);
  EXPECT_FLOAT_EQ(zoom.zoom(), 3.0f);
  EXPECT_FLOAT_EQ(zoom.offset().x, 800.0f);
  EXPECT_FLOAT_EQ(zoom.offset().y, 600.0f);
  zoom.zoom_at(100.0f, {0, 0}, kViewport, kDocument);
  EXPECT_FLOAT_EQ(zoom.zoom(), ZoomPan::kMaxZoom);
  zoom.reset();
  EXPECT_FLOAT_EQ(zoom.zoom(), 1.0f);
  EXPECT_FLOAT_EQ(zoom.offset().y, 0.0f);
}

}  // namespace
}  // namespace kiosk::ui
