#include "sandbox/fleet/fleet_model.hpp"

namespace kiosk::fleet_sandbox {

const char* to_string(HandlingType type) {
  switch (type) {
    case HandlingType::kSkip:
      return "skip";
    case HandlingType::kAttempt:
      return "attempt";
    case HandlingType::kForced:
      return "forced";
  }
  return "skip";
}

const char* to_string(ActionState state) {
  switch (state) {
    case ActionState::kRunning:
      return "running";
    case ActionState::kCanceling:
      return "canceling";
    case ActionState::kCanceled:
      return "canceled";
    case ActionState::kFinished:
      return "finished";
    case ActionState::kError:
      return "error";
  }
  return "running";
}

bool is_open(ActionState state) {
  return state == ActionState::kRunning || state == ActionState::kCanceling;
}

}  // namespace kiosk::fleet_sandbox
