#include "kiosk/app/kiosk_app.hpp"

#include <backends/imgui_impl_sdl.h>
#include <imgui.h>

#include <cfloat>
#include <cstdio>
#include <ctime>
#include <iostream>
#include <tuple>
#include <utility>

#include "kiosk/core/stack_wipe.hpp"
#include "kiosk/core/utf8.hpp"
#include "screens/screens.hpp"

namespace kiosk::app {
namespace {

CivilDate today() {
  const std::time_t now = std::time(nullptr);
  std::tm local{};
  localtime_r(&now, &local);
  return CivilDate::from_ymd(local.tm_year + 1900, static_cast<unsigned>(local.tm_mon + 1),
                             static_cast<unsigned>(local.tm_mday));
}

std::string key_widget(char32_t c) {
  if (c == U' ') {
    return "key.space";
  }
  if (c >= U'A' && c <= U'Z') {
    c += 32;
  }
  return "key." + std::string(1, static_cast<char>(c));
}

}  // namespace

KioskApp::KioskApp(const Config& config, const ui::Catalog& catalog, Display& display, bool automation)
    : config_(config),
      catalog_(catalog),
      display_(display),
      wake_event_(SDL_RegisterEvents(1)),
      device_events_([this] {
        SDL_Event wake{};
        wake.type = wake_event_;
        SDL_PushEvent(&wake);
      }),
      automation_lines_(std::make_shared<EventQueue<std::string>>([type = wake_event_] {
        SDL_Event wake{};
        wake.type = type;
        SDL_PushEvent(&wake);
      })),
      session_(config.idle, today),
      runner_(config, device_events_) {
  if (automation) {
    automation_.emplace(automation_lines_);
  }
  images_.set_camera(&runner_.camera_preview());
  const auto now = Clock::now();
  if (config.language == Language::English) {
    apply(session_.handle(intent::SetLanguage{Language::English}, now));
  }
  if (config.large_text) {
    apply(session_.handle(intent::ToggleLargeText{}, now));
  }
  if (config.audio) {
    apply(session_.handle(intent::ToggleAudio{}, now));
  }
}

KioskApp::~KioskApp() = default;

int KioskApp::run() {
  while (!quit_) {
    service_.feed(Clock::now());
    wait_and_handle_events();
    poll_camera();
    const SessionView& view = session_.view();
    const auto before = std::tuple(view.screen, view.idle_seconds_left, view.card_removed_prompt);
    apply(session_.tick(Clock::now()));
    if (before != std::tuple(view.screen, view.idle_seconds_left, view.card_removed_prompt)) {
      pending_frames_ = 2;  // the countdown moved or the session ended
    }
    if (pending_frames_ > 0 || animating_ || !pointer_queue_.empty() || screenshot_) {
      draw_frame();
    }
    report_service_state();
    check_command();
    if (std::exchange(session_wiped_, false)) {
      // Drawing and handling the session left its short strings in frames
      // below this one.
      wipe_stack_below();
    }
  }
  service_.stopping();
  return 0;
}

// systemd learns the kiosk is up once a person can see it, and whether it
// takes applications; nothing of the person is in the status line.
void KioskApp::report_service_state() {
  const Screen screen = session_.view().screen;
  const bool out = screen == Screen::OutOfService;
  std::string status = out ? "out of service: cannot open" : "taking applications";
  if (out) {
    for (const auto& part : session_.view().out_of_service) {
      status += " " + part + ";";
    }
  }
  if (!ready_sent_) {
    if (ImGui::GetFrameCount() == 0) {
      return;
    }
    ready_sent_ = true;
    service_.ready(status);
  } else if (out != (status_screen_ == Screen::OutOfService)) {
    service_.status(status);
  }
  status_screen_ = screen;
}

int KioskApp::wait_timeout_ms() const {
  if (pending_frames_ > 0 || !pointer_queue_.empty() || screenshot_) {
    return 0;
  }
  if (animating_) {
    return 16;  // about 60 frames a second while something moves
  }
  std::optional<Clock::time_point> deadline = session_.next_deadline();
  if (waiter_ && (!deadline || waiter_->deadline < *deadline)) {
    deadline = waiter_->deadline;
  }
  if (camera_due_ && (!deadline || *camera_due_ < *deadline)) {
    deadline = camera_due_;
  }
  if (const auto watchdog = service_.watchdog_interval()) {
    // A loop that waits longer than this looks frozen to systemd.
    const auto feed_at = Clock::now() + *watchdog / 4;
    if (!deadline || feed_at < *deadline) {
      deadline = feed_at;
    }
  }
  if (!deadline) {
    return -1;
  }
  const auto left = std::chrono::ceil<std::chrono::milliseconds>(*deadline - Clock::now()).count();
  return static_cast<int>(std::clamp<long long>(left, 0, 60'000));
}

void KioskApp::wait_and_handle_events() {
  SDL_Event event;
  const int timeout = wait_timeout_ms();
  const bool got = timeout < 0 ? SDL_WaitEvent(&event) != 0 : SDL_WaitEventTimeout(&event, timeout) != 0;
  if (got) {
    handle(event);
  }
  while (SDL_PollEvent(&event) != 0) {
    handle(event);
  }
}

void KioskApp::handle(const SDL_Event& event) {
  const float w = static_cast<float>(display_.width());
  const float h = static_cast<float>(display_.height());
  switch (event.type) {
    case SDL_QUIT:
      quit_ = true;
      return;
    case SDL_WINDOWEVENT:
      pending_frames_ = 2;
      return;
    case SDL_FINGERDOWN:
    case SDL_FINGERMOTION:
    case SDL_FINGERUP:
      on_finger(event.type, event.tfinger.fingerId, event.tfinger.x * w, event.tfinger.y * h);
      return;
    case SDL_MOUSEBUTTONDOWN:
    case SDL_MOUSEBUTTONUP:
      if (event.button.which != SDL_TOUCH_MOUSEID && event.button.button == SDL_BUTTON_LEFT) {
        pointer_queue_.push_back({static_cast<float>(event.button.x), static_cast<float>(event.button.y),
                                  event.type == SDL_MOUSEBUTTONDOWN});
      }
      return;
    case SDL_MOUSEMOTION:
      if (event.motion.which != SDL_TOUCH_MOUSEID && (event.motion.state & SDL_BUTTON_LMASK) != 0) {
        pointer_queue_.push_back(
            {static_cast<float>(event.motion.x), static_cast<float>(event.motion.y), true});
      }
      return;
    case SDL_TEXTINPUT:
      for (const char32_t c : decode_utf8(event.text.text)) {
        ui_state_.keyboard.type(c);
      }
      pending_frames_ = 2;
      return;
    case SDL_KEYDOWN:
      if (event.key.keysym.sym == SDLK_BACKSPACE) {
        ui_state_.keyboard.backspace();
        pending_frames_ = 2;
      }
      ImGui_ImplSDL2_ProcessEvent(&event);
      return;
    default:
      break;
  }
  if (event.type == wake_event_) {
    const auto now = Clock::now();
    for (auto& device_event : device_events_.drain()) {
      apply(session_.handle(device_event, now));
      pending_frames_ = 2;
    }
    for (const auto& line : automation_lines_->drain()) {
      const ParsedCommand parsed = parse_automation_command(line);
      if (!parsed.command) {
        std::cout << "error " << parsed.error << std::endl;
        continue;
      }
      commands_.push_back(*parsed.command);
      silent_.push_back(false);
    }
    if (!current_) {
      start_next_command();
    }
    return;
  }
  ImGui_ImplSDL2_ProcessEvent(&event);
}

void KioskApp::on_finger(Uint32 type, SDL_FingerID finger, float x, float y) {
  if (type == SDL_FINGERUP) {
    fingers_.erase(finger);
  } else {
    fingers_[finger] = {x, y};
  }
  const bool was_pinching = pinching_;
  pinching_ = pinching_ || fingers_.size() >= 2;
  Pointer p{x, y, type != SDL_FINGERUP, type == SDL_FINGERDOWN && fingers_.size() == 1};
  if (pinching_) {
    // Off the screen, so that no widget is pressed or released by a pinch.
    p.x = p.y = -FLT_MAX;
    p.down = !fingers_.empty();
    if (fingers_.size() >= 2) {
      p.pinch = true;
      p.a = fingers_.begin()->second;
      p.b = std::next(fingers_.begin())->second;
      p.fresh = !was_pinching;
    }
    pinching_ = !fingers_.empty();
  }
  const bool merge = type == SDL_FINGERMOTION && !pointer_queue_.empty() && pointer_queue_.back().down &&
                     !pointer_queue_.back().fresh && pointer_queue_.back().pinch == p.pinch;
  if (merge) {
    pointer_queue_.back() = p;  // only the latest position of a move matters
  } else {
    pointer_queue_.push_back(p);
  }
}

void KioskApp::apply(std::vector<Effect> effects) {
  bool wiped = false;
  for (auto& effect : effects) {
    if (std::holds_alternative<effect::WipeSession>(effect)) {
      ui_state_.forms.wipe();
      ui_state_.keyboard.wipe();
      images_.clear();
      wiped = true;
      session_wiped_ = true;
    }
    if (auto* prompt = std::get_if<effect::PlayPrompt>(&effect)) {
      prompt->prompt = (session_.view().language == Language::English ? "en/" : "vi/") + prompt->prompt;
    }
    runner_.run(std::move(effect));
  }
  if (wiped && config_.language == Language::English) {
    // The next person is greeted in the configured language again.
    apply(session_.handle(intent::SetLanguage{Language::English}, Clock::now()));
  }
}

void KioskApp::draw_frame() {
  // A touch may change what only the screens keep (a focused field, a
  // typed letter): the frames after it are drawn too.
  bool touched = false;
  if (!pointer_queue_.empty()) {
    pointer_ = pointer_queue_.front();
    pointer_queue_.pop_front();
    touched = true;
  }
  const SessionView& view = session_.view();
  const ui::Metrics metrics{config_.dpi, view.large_text};
  if (large_text_applied_ != view.large_text || ImGui::GetFrameCount() == 0) {
    ui::apply_theme(theme_, metrics);
    large_text_applied_ = view.large_text;
  }
  display_.begin_frame();
  ImGuiIO& io = ImGui::GetIO();
  io.MousePos = {pointer_.x, pointer_.y};
  for (bool& down : io.MouseDown) {
    down = false;
  }
  io.MouseDown[0] = pointer_.down;
  ui_state_.pinch = {pointer_.pinch, pointer_.a, pointer_.b};
  io.MouseWheel = 0;
  ImGui::NewFrame();
  ui_state_.widgets.begin_frame();
  ui::Ui ui(view, catalog_, theme_, metrics, display_.fonts(), ui_state_, images_);
  ui::draw_kiosk(ui);
  std::optional<std::filesystem::path> shot = std::exchange(screenshot_, std::nullopt);
  try {
    display_.end_frame(shot);
    if (shot && current_ && current_->kind == AutomationCommand::Kind::Screenshot) {
      finish_command("ok " + std::to_string(display_.width()) + "x" + std::to_string(display_.height()));
    }
  } catch (const std::exception& error) {
    finish_command(std::string("error ") + error.what());
  }
  last_swap_ = Clock::now();
  animating_ = ui.animating();
  const auto intents = ui.take_intents();
  const auto now = Clock::now();
  for (const auto& intent : intents) {
    apply(session_.handle(intent, now));
  }
  pending_frames_ = (intents.empty() && !touched) ? std::max(0, pending_frames_ - 1) : 2;
}

void KioskApp::poll_camera() {
  camera::CameraPreview& camera = runner_.camera_preview();
  camera.acknowledge();
  const auto shown = std::tuple(camera.frames().generation(), camera.state(), camera.hint());
  const Screen screen = session_.view().screen;
  if (shown == camera_shown_ || (screen != Screen::Identify && screen != Screen::Lookup)) {
    camera_due_.reset();
    return;
  }
  const auto now = Clock::now();
  const auto due = last_camera_frame_ + kCameraFrameInterval;
  if (now < due) {
    camera_due_ = due;
    return;
  }
  camera_due_.reset();
  camera_shown_ = shown;
  last_camera_frame_ = now;
  pending_frames_ = std::max(pending_frames_, 1);
}

bool KioskApp::settled() const {
  // The swap to the complete font atlas redraws the screen, so a frame before
  // it is not the one that stays.
  return pending_frames_ == 0 && pointer_queue_.empty() && !animating_ && !screenshot_ &&
         display_.fonts_complete();
}

void KioskApp::inject_touch(Uint32 type, float x, float y, SDL_FingerID finger) {
  SDL_Event event{};
  event.type = type;
  event.tfinger.touchId = 1;
  event.tfinger.fingerId = finger;
  event.tfinger.x = x / static_cast<float>(display_.width());
  event.tfinger.y = y / static_cast<float>(display_.height());
  event.tfinger.pressure = type == SDL_FINGERUP ? 0.0f : 1.0f;
  event.tfinger.timestamp = SDL_GetTicks();
  // Handled at once, exactly as if SDL had delivered it: SDL_PushEvent from
  // inside the event loop may only be seen after the next wait.
  handle(event);
}

void KioskApp::start_next_command() {
  while (!current_ && !commands_.empty()) {
    current_ = commands_.front();
    current_silent_ = silent_.front();
    commands_.pop_front();
    silent_.pop_front();
    command_started_ = Clock::now();
    const AutomationCommand& command = *current_;
    using Kind = AutomationCommand::Kind;
    switch (command.kind) {
      case Kind::Tap:
      case Kind::Drag: {
        const auto rect = ui_state_.widgets.find(command.argument);
        if (!rect) {
          finish_command("error no widget \"" + command.argument + "\" on screen " +
                         std::string(screen_name(session_.view().screen)));
          break;
        }
        inject_touch(SDL_FINGERDOWN, rect->centre_x(), rect->centre_y());
        if (command.kind == Kind::Drag) {
          constexpr int kSteps = 8;
          for (int i = 1; i <= kSteps; ++i) {
            inject_touch(SDL_FINGERMOTION, rect->centre_x(),
                         rect->centre_y() + static_cast<float>(command.number * i) / kSteps);
          }
          inject_touch(SDL_FINGERUP, rect->centre_x(), rect->centre_y() + static_cast<float>(command.number));
        } else {
          inject_touch(SDL_FINGERUP, rect->centre_x(), rect->centre_y());
        }
        break;
      }
      case Kind::Pinch: {
        const auto rect = ui_state_.widgets.find(command.argument);
        if (!rect) {
          finish_command("error no widget \"" + command.argument + "\" on screen " +
                         std::string(screen_name(session_.view().screen)));
          break;
        }
        // Two fingers side by side at the centre, spreading or closing in steps.
        const float from = std::min(rect->width, rect->height) / 8;
        const float to = from * static_cast<float>(command.factor);
        const float cx = rect->centre_x();
        const float cy = rect->centre_y();
        inject_touch(SDL_FINGERDOWN, cx - from, cy, 1);
        inject_touch(SDL_FINGERDOWN, cx + from, cy, 2);
        constexpr int kSteps = 8;
        for (int i = 1; i <= kSteps; ++i) {
          const float half = from + (to - from) * static_cast<float>(i) / kSteps;
          inject_touch(SDL_FINGERMOTION, cx - half, cy, 1);
          inject_touch(SDL_FINGERMOTION, cx + half, cy, 2);
        }
        inject_touch(SDL_FINGERUP, cx + to, cy, 2);
        inject_touch(SDL_FINGERUP, cx - to, cy, 1);
        break;
      }
      case Kind::Type: {
        // Each character becomes a tap on its key, in order, before what was queued.
        std::deque<AutomationCommand> taps;
        for (const char32_t c : decode_utf8(command.argument)) {
          if (c >= U'A' && c <= U'Z') {
            taps.push_back({Kind::Tap, "key.shift", 0, 1.0});
          }
          taps.push_back({Kind::Tap, key_widget(c), 0, 1.0});
        }
        commands_.insert(commands_.begin(), taps.begin(), taps.end());
        silent_.insert(silent_.begin(), taps.size(), true);
        commands_.insert(commands_.begin() + static_cast<std::ptrdiff_t>(taps.size()),
                         {Kind::Settle, {}, 0, 1.0});
        silent_.insert(silent_.begin() + static_cast<std::ptrdiff_t>(taps.size()), current_silent_);
        current_.reset();
        break;
      }
      case Kind::WaitScreen:
        waiter_ = Waiter{command.argument, Clock::now() + std::chrono::milliseconds(command.number)};
        break;
      case Kind::Screenshot:
        screenshot_ = command.argument;
        break;
      case Kind::Screen:
        finish_command("screen " + std::string(screen_name(session_.view().screen)));
        break;
      case Kind::Widgets: {
        std::string answer = "widgets";
        for (const auto& id : ui_state_.widgets.ids()) {
          answer += " " + id;
        }
        finish_command(answer);
        break;
      }
      case Kind::Where: {
        // Lets a benchmark tap the widget from outside, through the X server.
        const auto rect = ui_state_.widgets.find(command.argument);
        finish_command(rect ? "ok " + std::to_string(static_cast<int>(rect->centre_x())) + " " +
                                  std::to_string(static_cast<int>(rect->centre_y()))
                            : "error no widget \"" + command.argument + "\" on screen " +
                                  std::string(screen_name(session_.view().screen)));
        break;
      }
      case Kind::Value: {
        const auto value = ui_state_.widgets.value(command.argument);
        finish_command(value ? "value " + *value
                             : "error no value \"" + command.argument + "\" on screen " +
                                   std::string(screen_name(session_.view().screen)));
        break;
      }
      case Kind::Settle:
        break;
      case Kind::Sender: {
        const std::uint64_t activity = runner_.delivery_activity();
        finish_command(std::string(activity % 2 == 0 ? "sender idle " : "sender delivering ") +
                       std::to_string(activity / 2));
        break;
      }
      case Kind::Quit:
        finish_command("ok");
        quit_ = true;
        break;
    }
  }
}

void KioskApp::finish_command(const std::string& answer) {
  if (!current_silent_ || answer.rfind("error", 0) == 0) {
    std::cout << answer << std::endl;
  }
  if (answer.rfind("error", 0) == 0 && current_silent_) {
    // A failed key of `type`: drop the rest of that text.
    while (!silent_.empty() && silent_.front()) {
      commands_.pop_front();
      silent_.pop_front();
    }
    if (!commands_.empty() && commands_.front().kind == AutomationCommand::Kind::Settle) {
      commands_.pop_front();
      silent_.pop_front();
    }
  }
  current_.reset();
  current_silent_ = false;
}

void KioskApp::check_command() {
  // A command that finishes lets the next one start, which may be finished
  // at once too (settle, screen): keep going until one has to wait.
  for (;;) {
    if (!current_) {
      start_next_command();
    }
    if (!current_ || !finish_if_done()) {
      return;
    }
  }
}

bool KioskApp::finish_if_done() {
  using Kind = AutomationCommand::Kind;
  switch (current_->kind) {
    case Kind::Tap:
    case Kind::Drag:
    case Kind::Pinch:
    case Kind::Settle:
      if (settled()) {
        const auto ms = std::chrono::duration<double, std::milli>(last_swap_ - command_started_).count();
        char text[64];
        std::snprintf(text, sizeof text, "ok %.2f", std::max(0.0, ms));
        finish_command(text);
      }
      break;
    case Kind::WaitScreen:
      if (waiter_ && screen_name(session_.view().screen) == waiter_->screen && settled()) {
        waiter_.reset();
        finish_command("ok");
      } else if (waiter_ && Clock::now() >= waiter_->deadline) {
        const std::string wanted = waiter_->screen;
        waiter_.reset();
        finish_command("error timeout waiting for " + wanted + " (screen is " +
                       std::string(screen_name(session_.view().screen)) + ")");
      }
      break;
    default:
      break;
  }
  return !current_;
}

}  // namespace kiosk::app
