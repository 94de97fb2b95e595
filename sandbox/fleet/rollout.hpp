#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace kiosk::fleet_sandbox {

// A rollout in groups, as hawkBit's rollout management runs it: the first
// group starts with the rollout; the next starts once the success threshold
// (percent of the running group finished successfully) is reached; when the
// errors in a group reach the error threshold, the rollout stops and no
// further group starts.
class Rollout {
 public:
  enum class State { kReady, kRunning, kStopped, kFinished };

  struct Counts {
    std::size_t success = 0;
    std::size_t error = 0;
  };

  // cumulative_percent: e.g. {5, 20, 100} puts the first 5 % of targets in
  // group 1, up to 20 % in group 2 and the rest in group 3.
  Rollout(std::int64_t id, std::string name, std::int64_t distribution_id, std::vector<std::string> targets,
          const std::vector<int>& cumulative_percent, int success_threshold, int error_threshold);

  [[nodiscard]] std::int64_t id() const { return id_; }
  [[nodiscard]] const std::string& name() const { return name_; }
  [[nodiscard]] std::int64_t distribution_id() const { return distribution_id_; }
  [[nodiscard]] State state() const { return state_; }
  [[nodiscard]] const std::vector<std::vector<std::string>>& groups() const { return groups_; }
  [[nodiscard]] std::size_t current_group() const { return current_; }
  [[nodiscard]] int success_threshold() const { return success_threshold_; }
  [[nodiscard]] int error_threshold() const { return error_threshold_; }

  // Returns the targets of the group to start now (empty if none).
  std::vector<std::string> start();
  // Called with the outcome counts of the running group; returns the targets
  // of the next group when it starts.
  std::vector<std::string> evaluate(Counts running_group);

 private:
  std::int64_t id_;
  std::string name_;
  std::int64_t distribution_id_;
  std::vector<std::vector<std::string>> groups_;
  int success_threshold_;
  int error_threshold_;
  State state_ = State::kReady;
  std::size_t current_ = 0;
};

const char* to_string(Rollout::State state);

}  // namespace kiosk::fleet_sandbox
