#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace kiosk::fleet_sandbox {

// What the stand-in stores, named after hawkBit's repository model: targets
// (controllers), distribution sets of software modules with artifacts, and
// actions assigning a distribution set to a target.

struct Artifact {
  std::string filename;
  std::shared_ptr<const std::string> bytes;
  std::string sha1;  // also the download's ETag, as hawkBit sends it
  std::string md5;
  std::string sha256;
};

struct SoftwareModule {
  std::int64_t id = 0;
  std::string part = "os";  // DDI chunk "part"
  std::string name;
  std::string version;
  std::vector<Artifact> artifacts;
};

struct Distribution {
  std::int64_t id = 0;
  std::string name;
  std::string version;
  std::vector<SoftwareModule> modules;
};

enum class HandlingType { kSkip, kAttempt, kForced };

enum class ActionState {
  kRunning,    // assigned, feedback open
  kCanceling,  // the server asked the target to cancel; waiting for its answer
  kCanceled,
  kFinished,  // closed with success
  kError,     // closed with failure
};

struct FeedbackRecord {
  std::string execution;
  std::string finished;
  std::optional<int> progress_cnt;
  std::optional<int> progress_of;
  std::vector<std::string> details;
};

struct Action {
  std::int64_t id = 0;
  std::string controller_id;
  std::int64_t distribution_id = 0;
  bool forced = false;         // download "forced" instead of "attempt"
  bool download_only = false;  // update "skip" regardless of the window
  // Set when the action has a maintenance schedule: whether the window is
  // open now. hawkBit then answers update "skip" while it is closed.
  std::optional<bool> window_available;
  ActionState state = ActionState::kRunning;
  std::vector<FeedbackRecord> feedback;
  std::optional<std::int64_t> rollout_id;
};

struct Target {
  std::string controller_id;
  std::string token;
  std::map<std::string, std::string> attributes;
  bool config_requested = true;  // configData link until the first upload
  std::optional<std::int64_t> installed_action;
  std::uint64_t requests = 0;
  std::uint64_t artifact_bytes = 0;  // artifact payload sent to this target
  std::uint64_t response_bytes = 0;  // DDI JSON bodies sent to this target
};

const char* to_string(HandlingType type);
const char* to_string(ActionState state);
bool is_open(ActionState state);

}  // namespace kiosk::fleet_sandbox
