#include "kiosk/app/automation.hpp"

#include <charconv>
#include <cstdio>
#include <iostream>

namespace kiosk::app {
namespace {

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) {
    text.remove_prefix(1);
  }
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r')) {
    text.remove_suffix(1);
  }
  return text;
}

std::optional<int> to_int(std::string_view text) {
  int value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc{} || end != text.data() + text.size()) {
    return std::nullopt;
  }
  return value;
}

// A pinch between a tenth and ten times the fingers' distance.
std::optional<double> to_factor(std::string_view text) {
  double value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc{} || end != text.data() + text.size() || !(value >= 0.1 && value <= 10.0)) {
    return std::nullopt;
  }
  return value;
}

}  // namespace

ParsedCommand parse_automation_command(std::string_view line) {
  line = trim(line);
  const auto space = line.find(' ');
  const std::string_view verb = line.substr(0, space);
  const std::string_view rest =
      space == std::string_view::npos ? std::string_view{} : trim(line.substr(space + 1));
  using Kind = AutomationCommand::Kind;
  const auto need_argument = [&](Kind kind) -> ParsedCommand {
    if (rest.empty()) {
      return {std::nullopt, std::string(verb) + " needs an argument"};
    }
    return {AutomationCommand{kind, std::string(rest), 0, 1.0}, {}};
  };
  if (verb == "tap") {
    return need_argument(Kind::Tap);
  }
  if (verb == "type") {
    return need_argument(Kind::Type);
  }
  if (verb == "screenshot") {
    return need_argument(Kind::Screenshot);
  }
  if (verb == "where") {
    return need_argument(Kind::Where);
  }
  if (verb == "value") {
    return need_argument(Kind::Value);
  }
  if (verb == "pinch") {
    const auto split = rest.find(' ');
    const std::string_view widget = rest.substr(0, split);
    const std::string_view factor =
        split == std::string_view::npos ? std::string_view{} : trim(rest.substr(split + 1));
    if (widget.empty() || factor.empty()) {
      return {std::nullopt, "pinch needs a widget and a factor"};
    }
    const std::optional<double> value = to_factor(factor);
    if (!value) {
      return {std::nullopt, "pinch: factor must be a number between 0.1 and 10"};
    }
    return {AutomationCommand{Kind::Pinch, std::string(widget), 0, *value}, {}};
  }
  if (verb == "drag" || verb == "wait-screen") {
    const auto split = rest.find(' ');
    const std::string_view first = rest.substr(0, split);
    const std::string_view second =
        split == std::string_view::npos ? std::string_view{} : trim(rest.substr(split + 1));
    if (first.empty()) {
      return {std::nullopt, std::string(verb) + " needs an argument"};
    }
    const bool drag = verb == "drag";
    std::optional<int> number =
        second.empty() ? std::optional<int>(drag ? std::nullopt : std::optional(20000)) : to_int(second);
    if (!number) {
      return {std::nullopt, std::string(verb) + ": " + (drag ? "distance" : "timeout") + " must be a number"};
    }
    return {AutomationCommand{drag ? Kind::Drag : Kind::WaitScreen, std::string(first), *number, 1.0}, {}};
  }
  if (verb == "screen" || verb == "widgets" || verb == "settle" || verb == "sender" || verb == "quit") {
    const Kind kind = verb == "screen"    ? Kind::Screen
                      : verb == "widgets" ? Kind::Widgets
                      : verb == "settle"  ? Kind::Settle
                      : verb == "sender"  ? Kind::Sender
                                          : Kind::Quit;
    return {AutomationCommand{kind, {}, 0, 1.0}, {}};
  }
  return {std::nullopt, "unknown command \"" + std::string(verb) + "\""};
}

AutomationReader::AutomationReader(std::shared_ptr<EventQueue<std::string>> lines)
    : thread_([lines] {
        std::string line;
        while (std::getline(std::cin, line)) {
          lines->post(line);
        }
        lines->post("quit");
      }) {
  // The reader blocks in getline for the life of the process; it ends with stdin.
  thread_.detach();
  // Answers name widgets such as vault rows, whose codes hold the owner's ID
  // number: written unbuffered, none lingers in a stdio buffer after a wipe.
  std::setvbuf(stdout, nullptr, _IONBF, 0);
}

AutomationReader::~AutomationReader() = default;

}  // namespace kiosk::app
