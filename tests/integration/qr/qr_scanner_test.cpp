// The scanner worker on a replay of generated pictures written to disk.
#include "drivers/camera/qr_scanner.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <condition_variable>
#include <filesystem>
#include <mutex>
#include <set>
#include <thread>

#include "drivers/camera/image_file.hpp"
#include "drivers/camera/v4l2_camera.hpp"
#include "test_images.hpp"

namespace kiosk::camera {
namespace {

class QrScannerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::path(KIOSK_BINARY_DIR) / "qr-scanner-test" /
           ::testing::UnitTest::GetInstance()->current_test_info()->name();
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    for (const auto& t : qr::testing::make_test_set(KIOSK_SOURCE_DIR, 1, 3)) {
      if (t.kind == "clean" || t.kind == "none") {
        ASSERT_TRUE(write_png(dir_ / (t.name + ".png"), t.image.width, t.image.height, 1, t.image.pixels));
        if (t.kind == "clean") {
          expected_.insert(t.expected.front());
        }
      }
    }
  }

  std::filesystem::path dir_;
  std::set<std::string> expected_;
};

// A source that fails for good at once, as an unplugged camera does.
class UnpluggedSource final : public FrameSource {
 public:
  FrameOrError next() override { return CameraError{CameraErrorCode::kNoDevice, "gone"}; }
  std::string describe() const override { return "unplugged"; }
};

TEST_F(QrScannerTest, PreviewIsLiveWhileScanningAndEmptyAfterStop) {
  std::atomic<int> wakes{0};
  auto preview = std::make_shared<CameraPreview>([&] { ++wakes; });
  EXPECT_EQ(preview->state(), CameraState::kOff);
  auto source = std::make_unique<ReplaySource>(picture_files(dir_), true, std::chrono::milliseconds(5));
  QrScanner scanner(
      std::move(source), [](const ScanEvent&) {}, QrScanner::Options{}, preview);
  scanner.start();
  while (preview->frames().generation() < 20) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  EXPECT_EQ(preview->state(), CameraState::kLive);
  EXPECT_NE(preview->frames().get().frame, nullptr);
  // Nobody looked at the preview: twenty frames woke the UI only once.
  EXPECT_EQ(wakes.load(), 1);
  preview->acknowledge();
  // The wake-up follows the frame's publication: look once several frames
  // came after acknowledge(), and expect exactly one more.
  const auto seen = preview->frames().generation();
  while (preview->frames().generation() < seen + 5) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  EXPECT_EQ(wakes.load(), 2) << "a new frame after acknowledge() wakes the UI again, once";
  scanner.stop();
  EXPECT_EQ(preview->state(), CameraState::kOff);
  EXPECT_EQ(preview->frames().get().frame, nullptr);
}

TEST_F(QrScannerTest, PreviewTellsWhenTheCameraFails) {
  auto preview = std::make_shared<CameraPreview>();
  QrScanner scanner(
      std::make_unique<UnpluggedSource>(), [](const ScanEvent&) {}, QrScanner::Options{}, preview);
  scanner.start();
  while (preview->state() != CameraState::kFailed) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  EXPECT_EQ(preview->frames().get().frame, nullptr);
  scanner.stop();
}

TEST_F(QrScannerTest, ReportsEveryCodeOfAReplayedDirectory) {
  std::mutex m;
  std::condition_variable cv;
  std::set<std::string> read;
  bool failed = false;
  auto source = std::make_unique<ReplaySource>(picture_files(dir_), false, std::chrono::milliseconds(0));
  QrScanner scanner(std::move(source), [&](const ScanEvent& e) {
    const std::lock_guard lock(m);
    if (e.kind == ScanEvent::Kind::kCodeRead) {
      read.insert(e.payload);
    } else if (e.kind == ScanEvent::Kind::kCameraFailed) {
      failed = true;
    }
    cv.notify_all();
  });
  scanner.start();
  // Frames arrive faster than they decode here, so some are dropped; poll
  // until the replay is exhausted.
  while (true) {
    const ScanStats s = scanner.stats();
    if (s.captured == picture_files(dir_).size() && s.decoded + s.dropped == s.captured) {
      break;
    }
    std::unique_lock lock(m);
    cv.wait_for(lock, std::chrono::milliseconds(20));
  }
  const ScanStats stats = scanner.stats();
  scanner.stop();
  EXPECT_FALSE(failed);
  EXPECT_EQ(stats.decoded + stats.dropped, stats.captured);
  EXPECT_GE(stats.decoded, 1u);
  for (const std::string& p : read) {
    EXPECT_TRUE(expected_.count(p)) << "read a code that is not in the pictures";
  }
  EXPECT_EQ(scanner.preview().get().frame, nullptr) << "stop() keeps no picture";
}

TEST_F(QrScannerTest, PacedReplayDecodesEveryFrameAndUpdatesThePreview) {
  std::mutex m;
  std::set<std::string> read;
  auto files = picture_files(dir_);
  auto source = std::make_unique<ReplaySource>(files, false, std::chrono::milliseconds(100));
  QrScanner scanner(std::move(source), [&](const ScanEvent& e) {
    const std::lock_guard lock(m);
    if (e.kind == ScanEvent::Kind::kCodeRead) {
      read.insert(e.payload);
    }
  });
  scanner.start();
  std::uint64_t last_generation = 0;
  int preview_changes = 0;
  while (scanner.stats().captured < files.size() ||
         scanner.stats().decoded + scanner.stats().dropped < files.size()) {
    const auto snap = scanner.preview().get();
    if (snap.generation != last_generation && snap.frame) {
      EXPECT_EQ(snap.frame->rgb.size(),
                static_cast<std::size_t>(snap.frame->rgb_stride()) * snap.frame->height);
      last_generation = snap.generation;
      ++preview_changes;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  scanner.stop();
  EXPECT_GE(preview_changes, 2);
  const std::lock_guard lock(m);
  // Under a sanitizer a decode can outlast the frame interval, so a frame may
  // be dropped; every code that was read is one of the pictures.
  EXPECT_GE(read.size(), 1u);
  for (const std::string& p : read) {
    EXPECT_TRUE(expected_.count(p));
  }
}

TEST(FrameSource, ReportsMissingDirectoriesAndDevices) {
  auto dir = open_frame_source("dir:/nonexistent/pictures");
  ASSERT_TRUE(std::holds_alternative<CameraError>(dir));
  EXPECT_EQ(std::get<CameraError>(dir).code, CameraErrorCode::kNoDevice);
  auto dev = open_frame_source("v4l2:/dev/video-not-there");
  ASSERT_TRUE(std::holds_alternative<CameraError>(dev));
  EXPECT_EQ(std::get<CameraError>(dev).code, CameraErrorCode::kNoDevice);
}

TEST(ImageFile, RejectsWhatIsNotAPicture) {
  const std::vector<std::uint8_t> junk{'n', 'o', 't', ' ', 'a', 'n', ' ', 'i', 'm', 'a', 'g', 'e'};
  auto r = decode_image(junk);
  ASSERT_TRUE(std::holds_alternative<CameraError>(r));
  EXPECT_EQ(std::get<CameraError>(r).code, CameraErrorCode::kUnsupportedFormat);
  const std::vector<std::uint8_t> broken_jpeg{0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 'J', 'F'};
  auto j = decode_image(broken_jpeg);
  ASSERT_TRUE(std::holds_alternative<CameraError>(j));
  EXPECT_EQ(std::get<CameraError>(j).code, CameraErrorCode::kCorruptFrame);
}

TEST(Yuyv, ConvertsGreyAndColour) {
  // Two pixels: Y=235 (white) and Y=16 (black), neutral chroma.
  const std::uint8_t yuyv[] = {235, 128, 16, 128};
  Frame f;
  yuyv_to_frame(yuyv, 2, 1, 4, f);
  EXPECT_EQ(f.gray[0], 235);
  EXPECT_EQ(f.gray[1], 16);
  EXPECT_EQ(f.rgb[0], 255);
  EXPECT_EQ(f.rgb[3], 0);
}

}  // namespace
}  // namespace kiosk::camera
