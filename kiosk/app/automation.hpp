#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <thread>

#include "kiosk/app/event_queue.hpp"

namespace kiosk::app {

// The test harness's channel into a running kiosk (--automation): one command
// per line on stdin, one answer per line on stdout.
//   tap WIDGET            touch down and up at the widget's centre (SDL touch events)
//   drag WIDGET DY        touch at the widget and drag DY pixels vertically
//   pinch WIDGET FACTOR   two fingers at the widget's centre spread (FACTOR > 1)
//                         or close (FACTOR < 1) their distance by FACTOR
//   type TEXT             tap the on-screen keyboard keys for TEXT
//   wait-screen NAME [MS] answer once that screen shows (default 20000 ms)
//   screenshot FILE       save the next frame as PNG
//   screen | widgets      the current screen name / the touchable widget ids
//   where WIDGET          the widget's centre in window pixels, "ok X Y"
//   value KEY             what a screen noted under KEY ("preview.zoom")
//   settle                answer when no frame or animation is pending
//   sender                "sender idle N" between delivery attempts, "sender
//                         delivering N" during one (N changes with each)
//   quit
struct AutomationCommand {
  enum class Kind {
    Tap,
    Drag,
    Pinch,
    Type,
    WaitScreen,
    Screenshot,
    Screen,
    Widgets,
    Where,
    Value,
    Settle,
    Sender,
    Quit
  };
  Kind kind = Kind::Screen;
  std::string argument;
  int number = 0;
  double factor = 1.0;  // pinch
};

// A clear message for a malformed line, or the command.
struct ParsedCommand {
  std::optional<AutomationCommand> command;
  std::string error;
};
ParsedCommand parse_automation_command(std::string_view line);

// Reads stdin on its own thread and queues each line for the main loop. The
// thread blocks in a read for the life of the process, so it shares the queue.
class AutomationReader {
 public:
  explicit AutomationReader(std::shared_ptr<EventQueue<std::string>> lines);
  ~AutomationReader();
  AutomationReader(const AutomationReader&) = delete;
  AutomationReader& operator=(const AutomationReader&) = delete;

 private:
  std::thread thread_;
};

}  // namespace kiosk::app
