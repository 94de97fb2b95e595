#pragma once

#include <chrono>
#include <deque>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "kiosk/app/automation.hpp"
#include "kiosk/app/config.hpp"
#include "kiosk/app/display.hpp"
#include "kiosk/app/effect_runner.hpp"
#include "kiosk/app/event_queue.hpp"
#include "kiosk/app/images.hpp"
#include "kiosk/app/service_manager.hpp"
#include "kiosk/core/session.hpp"
#include "screens/catalog.hpp"
#include "screens/theme.hpp"
#include "screens/ui.hpp"

namespace kiosk::app {

// The main loop: sleeps in SDL_WaitEventTimeout until a touch, a driver
// result, an automation command or the session's next deadline, and draws a
// frame only when something changed.
class KioskApp {
 public:
  KioskApp(const Config& config, const ui::Catalog& catalog, Display& display, bool automation);
  ~KioskApp();
  KioskApp(const KioskApp&) = delete;
  KioskApp& operator=(const KioskApp&) = delete;

  int run();

 private:
  using Clock = Session::Clock;
  struct Pointer {
    float x = -1;
    float y = -1;
    bool down = false;
    // A touch or pinch begins here: later moves are not merged into it.
    bool fresh = false;
    // Two fingers: where they are; the pointer itself is then nowhere.
    bool pinch = false;
    ImVec2 a{};
    ImVec2 b{};
  };
  struct Waiter {
    std::string screen;
    Clock::time_point deadline;
  };

  void wait_and_handle_events();
  void handle(const SDL_Event& event);
  void apply(std::vector<Effect> effects);
  void draw_frame();
  // Asks for a frame when the camera preview changed on a screen that shows
  // it, at most kCameraFrameInterval apart.
  void poll_camera();
  void start_next_command();
  void finish_command(const std::string& answer);
  void check_command();
  void report_service_state();
  // Whether the running command has just finished.
  bool finish_if_done();
  void on_finger(Uint32 type, SDL_FingerID finger, float x, float y);
  void inject_touch(Uint32 type, float x, float y, SDL_FingerID finger = 1);
  [[nodiscard]] int wait_timeout_ms() const;
  [[nodiscard]] bool settled() const;

  const Config& config_;
  const ui::Catalog& catalog_;
  Display& display_;
  ui::Theme theme_;
  Uint32 wake_event_;
  EventQueue<DeviceEvent> device_events_;
  std::shared_ptr<EventQueue<std::string>> automation_lines_;
  std::optional<AutomationReader> automation_;
  Session session_;
  ui::UiState ui_state_;
  Images images_;
  EffectRunner runner_;

  std::deque<Pointer> pointer_queue_;
  Pointer pointer_;
  // Fingers on the screen now; once two were down, the touch is a pinch
  // until the last one lifts, and never presses what is under a finger.
  std::map<SDL_FingerID, ImVec2> fingers_;
  bool pinching_ = false;
  int pending_frames_ = 2;
  bool animating_ = false;
  bool quit_ = false;
  ServiceManager service_;
  bool ready_sent_ = false;
  Screen status_screen_ = Screen::Attract;
  bool session_wiped_ = false;
  bool large_text_applied_ = false;

  // Automation: one command at a time; `type` expands into key taps.
  std::deque<AutomationCommand> commands_;
  std::optional<AutomationCommand> current_;
  bool current_silent_ = false;
  std::deque<bool> silent_;
  std::optional<Waiter> waiter_;
  std::optional<std::filesystem::path> screenshot_;
  Clock::time_point command_started_{};
  Clock::time_point last_swap_{};

  static constexpr std::chrono::milliseconds kCameraFrameInterval{66};  // 15 frames a second
  std::tuple<std::uint64_t, camera::CameraState, qr::Hint> camera_shown_{};
  Clock::time_point last_camera_frame_{};
  std::optional<Clock::time_point> camera_due_;
};

}  // namespace kiosk::app
