// Ui::button in a headless ImGui context, one frame per pointer state, the
// way the kiosk feeds touches.
#include <gtest/gtest.h>
#include <imgui.h>

#include <string>

#include "screens/ui.hpp"

namespace kiosk::ui {
namespace {

class NoImages : public ImageSource {
 public:
  Image face(const SessionView&) override { return {}; }
  const DocumentPages& document(const DocumentPreview&) override { return pages_; }
  Image page(int, float, bool) override { return {}; }
  bool finish_pages(int, int) override { return false; }
  Image qr_code(const std::string&) override { return {}; }
  CameraView camera() override { return {}; }

 private:
  DocumentPages pages_;
};

class ButtonFrames : public ::testing::Test {
 protected:
  ButtonFrames() {
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.DisplaySize = {800, 600};
    io.DeltaTime = 1.0f / 60;
    io.IniFilename = nullptr;
    unsigned char* pixels = nullptr;
    int width = 0;
    int height = 0;
    io.Fonts->GetTexDataAsRGBA32(&pixels, &width, &height);
  }
  ~ButtonFrames() override { ImGui::DestroyContext(); }

  // One frame with the finger at `at`; whether the button reported a press.
  bool frame(const std::string& label, ImVec2 at, bool down) {
    ImGuiIO& io = ImGui::GetIO();
    io.MousePos = at;
    io.MouseDown[0] = down;
    ImGui::NewFrame();
    ImGui::SetNextWindowPos({0, 0});
    ImGui::SetNextWindowSize(io.DisplaySize);
    ImGui::Begin("screen", nullptr, ImGuiWindowFlags_NoDecoration);
    state_.widgets.begin_frame();
    Ui ui(view_, catalog_, theme_, Metrics{}, Fonts{}, state_, images_);
    const bool pressed = ui.button("open_vault", label);
    ImGui::End();
    ImGui::Render();
    return pressed;
  }

  [[nodiscard]] ImVec2 centre() const {
    const auto rect = state_.widgets.find("open_vault");
    return rect ? ImVec2{rect->centre_x(), rect->centre_y()} : ImVec2{-1, -1};
  }

  SessionView view_;
  Catalog catalog_ = Catalog::from_json("{}", "{}");
  Theme theme_;
  UiState state_;
  NoImages images_;
};

TEST_F(ButtonFrames, TapIsAPress) {
  frame("Kho (0)", {-1, -1}, false);
  const ImVec2 at = centre();
  EXPECT_FALSE(frame("Kho (0)", at, true));
  EXPECT_TRUE(frame("Kho (0)", at, false));
}

TEST_F(ButtonFrames, LabelChangingDuringATapStillPresses) {
  // The vault count arrives between the finger going down and up.
  frame("Kho (0)", {-1, -1}, false);
  const ImVec2 at = centre();
  EXPECT_FALSE(frame("Kho (0)", at, true));
  EXPECT_TRUE(frame("Kho (5)", at, false));
}

TEST_F(ButtonFrames, DragOffIsNoPress) {
  frame("Kho (0)", {-1, -1}, false);
  const ImVec2 at = centre();
  EXPECT_FALSE(frame("Kho (0)", at, true));
  EXPECT_FALSE(frame("Kho (0)", {at.x, at.y + 200}, true));
  EXPECT_FALSE(frame("Kho (0)", {at.x, at.y + 200}, false));
}

}  // namespace
}  // namespace kiosk::ui
