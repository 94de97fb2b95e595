// The camera preview on the identify and lookup screens of the real kiosk
// under Xvfb: the newest camera picture is drawn where the preview is, and a
// kiosk without a camera says so instead.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <thread>

#include "drivers/camera/image_file.hpp"
#include "tests/ui/kiosk/kiosk_harness.hpp"

namespace kiosk::test {
namespace {

namespace fs = std::filesystem;

// A camera picture in colours the kiosk's theme never uses: magenta with
// green stripes, and no QR code in it.
fs::path write_camera_picture(const fs::path& dir) {
  constexpr int kWidth = 640;
  constexpr int kHeight = 360;
  std::vector<std::uint8_t> rgb(static_cast<std::size_t>(kWidth) * kHeight * 3);
  for (int y = 0; y < kHeight; ++y) {
    for (int x = 0; x < kWidth; ++x) {
      auto* p = &rgb[(static_cast<std::size_t>(y) * kWidth + static_cast<std::size_t>(x)) * 3];
      const bool stripe = (x / 40) % 2 == 0;
      p[0] = stripe ? 0 : 255;
      p[1] = stripe ? 200 : 0;
      p[2] = stripe ? 0 : 255;
    }
  }
  fs::create_directories(dir);
  if (!camera::write_png(dir / "frame.png", kWidth, kHeight, 3, rgb)) {
    throw std::runtime_error("cannot write the camera picture");
  }
  return dir;
}

bool is_magenta(const Picture& p, std::size_t i) {
  return p.rgba[i] > 200 && p.rgba[i + 1] < 60 && p.rgba[i + 2] > 200;
}

std::size_t magenta_pixels(const Picture& p) {
  std::size_t n = 0;
  for (std::size_t i = 0; i + 3 < p.rgba.size(); i += 4) {
    n += is_magenta(p, i) ? 1 : 0;
  }
  return n;
}

// The box around the pixels that differ between two same-sized pictures.
struct Box {
  int left = 1 << 30;
  int top = 1 << 30;
  int right = -1;
  int bottom = -1;
  [[nodiscard]] int width() const { return right - left + 1; }
  [[nodiscard]] int height() const { return bottom - top + 1; }
};
Box changed_box(const Picture& a, const Picture& b) {
  Box box;
  for (int y = 0; y < a.height; ++y) {
    for (int x = 0; x < a.width; ++x) {
      const std::size_t i = (static_cast<std::size_t>(y) * static_cast<std::size_t>(a.width) + x) * 4;
      if (!std::equal(&a.rgba[i], &a.rgba[i + 3], &b.rgba[i])) {
        box.left = std::min(box.left, x);
        box.top = std::min(box.top, y);
        box.right = std::max(box.right, x);
        box.bottom = std::max(box.bottom, y);
      }
    }
  }
  return box;
}

class KioskCamera : public ::testing::Test {
 protected:
  // Screenshots until the camera's picture shows (frames arrive off the UI thread).
  Picture screenshot_with_picture(KioskProcess& kiosk, const std::string& name) {
    const fs::path file = artifact_dir() / name;
    for (int i = 0; i < 200; ++i) {
      if (kiosk.ok("screenshot " + file.string())) {
        if (auto picture = load_png(file); picture && magenta_pixels(*picture) > 5000) {
          return *picture;
        }
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    ADD_FAILURE() << "the camera picture never showed on " << name << "\n" << kiosk.stderr_text();
    return {};
  }

  VirtualDisplay display_;
};

TEST_F(KioskCamera, IdentifyShowsTheCameraPictureWhereTheNoCameraMessageWas) {
  const fs::path dir = fs::path(KIOSK_BINARY_DIR) / "tests-ui-camera";
  fs::remove_all(dir);
  const auto camera_dir = write_camera_picture(dir / "camera");

  Picture without;
  {
    KioskProcess kiosk(display_, write_test_config("no_camera", {}, "camera = \"\"\n"));
    ASSERT_EQ(kiosk.command("wait-screen attract"), "ok") << kiosk.stderr_text();
    ASSERT_TRUE(kiosk.ok("tap start"));
    ASSERT_EQ(kiosk.command("wait-screen identify"), "ok");
    const fs::path file = artifact_dir() / "identify_no_camera.png";
    ASSERT_TRUE(kiosk.ok("screenshot " + file.string()));
    auto picture = load_png(file);
    ASSERT_TRUE(picture);
    without = *picture;
    EXPECT_EQ(magenta_pixels(without), 0u);
    EXPECT_NE(kiosk.command("widgets").find(" camera_preview"), std::string::npos);
    EXPECT_TRUE(kiosk.ok("quit"));
  }

  KioskProcess kiosk(display_,
                     write_test_config("camera", {}, "camera = \"dir:" + camera_dir.string() + "\"\n"));
  ASSERT_EQ(kiosk.command("wait-screen attract"), "ok") << kiosk.stderr_text();
  ASSERT_TRUE(kiosk.ok("tap start"));
  ASSERT_EQ(kiosk.command("wait-screen identify"), "ok");
  const Picture with = screenshot_with_picture(kiosk, "identify_camera.png");
  ASSERT_EQ(with.width, without.width);
  ASSERT_EQ(with.height, without.height);
  // The change is one large region, the preview, not the whole screen.
  const Box box = changed_box(without, with);
  EXPECT_GT(box.width(), 300);
  EXPECT_GT(box.height(), 150);
  EXPECT_LT(box.width(), with.width);
  EXPECT_LT(box.height(), with.height / 2);
  EXPECT_GT(difference(without, with), 0.05);
  EXPECT_TRUE(kiosk.ok("quit"));
}

TEST_F(KioskCamera, LookupShowsTheSamePreview) {
  const fs::path dir = fs::path(KIOSK_BINARY_DIR) / "tests-ui-camera-lookup";
  fs::remove_all(dir);
  const auto camera_dir = write_camera_picture(dir / "camera");
  KioskProcess kiosk(display_,
                     write_test_config("camera", {}, "camera = \"dir:" + camera_dir.string() + "\"\n"));
  ASSERT_EQ(kiosk.command("wait-screen attract"), "ok") << kiosk.stderr_text();
  ASSERT_TRUE(kiosk.ok("tap lookup"));
  ASSERT_EQ(kiosk.command("wait-screen lookup"), "ok");
  const Picture with = screenshot_with_picture(kiosk, "lookup_camera.png");
  EXPECT_GT(magenta_pixels(with), 5000u);
  // Leaving the screen stops the camera and drops its picture.
  ASSERT_TRUE(kiosk.ok("tap end"));
  ASSERT_EQ(kiosk.command("screen"), "screen session_ended");
  const fs::path file = artifact_dir() / "lookup_camera_ended.png";
  ASSERT_TRUE(kiosk.ok("screenshot " + file.string()));
  const auto ended = load_png(file);
  ASSERT_TRUE(ended);
  EXPECT_EQ(magenta_pixels(*ended), 0u);
  EXPECT_TRUE(kiosk.ok("quit"));
}

TEST_F(KioskCamera, MissingCameraIsExplainedOnTheIdentifyScreen) {
  KioskProcess kiosk(display_,
                     write_test_config("missing_camera", {}, "camera = \"dir:/nonexistent/camera\"\n"));
  ASSERT_EQ(kiosk.command("wait-screen attract"), "ok") << kiosk.stderr_text();
  ASSERT_TRUE(kiosk.ok("tap start"));
  ASSERT_EQ(kiosk.command("wait-screen identify"), "ok");
  EXPECT_NE(kiosk.command("widgets").find(" camera_preview"), std::string::npos);
  EXPECT_NE(kiosk.stderr_text().find("devices.camera"), std::string::npos) << kiosk.stderr_text();
  EXPECT_TRUE(kiosk.ok("quit"));
}

}  // namespace
}  // namespace kiosk::test
