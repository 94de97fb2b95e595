#include "sandbox/fleet/rollout.hpp"

#include <algorithm>
#include <stdexcept>

namespace kiosk::fleet_sandbox {

Rollout::Rollout(std::int64_t id, std::string name, std::int64_t distribution_id,
                 std::vector<std::string> targets, const std::vector<int>& cumulative_percent,
                 int success_threshold, int error_threshold)
    : id_(id),
      name_(std::move(name)),
      distribution_id_(distribution_id),
      success_threshold_(success_threshold),
      error_threshold_(error_threshold) {
  if (targets.empty() || cumulative_percent.empty() || cumulative_percent.back() != 100 ||
      !std::is_sorted(cumulative_percent.begin(), cumulative_percent.end()) ||
      cumulative_percent.front() <= 0) {
    throw std::invalid_argument("groups must be increasing cumulative percentages ending at 100");
  }
  if (success_threshold < 1 || success_threshold > 100 || error_threshold < 1 || error_threshold > 100) {
    throw std::invalid_argument("thresholds are percentages from 1 to 100");
  }
  std::size_t begin = 0;
  for (const int percent : cumulative_percent) {
    // Rounded up so that a small fleet still gets a non-empty first wave.
    const std::size_t end =
        std::min(targets.size(), (targets.size() * static_cast<std::size_t>(percent) + 99) / 100);
    if (end > begin) {
      groups_.emplace_back(targets.begin() + static_cast<std::ptrdiff_t>(begin),
                           targets.begin() + static_cast<std::ptrdiff_t>(end));
      begin = end;
    }
  }
}

std::vector<std::string> Rollout::start() {
  if (state_ != State::kReady) {
    return {};
  }
  state_ = State::kRunning;
  current_ = 0;
  return groups_.front();
}

std::vector<std::string> Rollout::evaluate(Counts running_group) {
  if (state_ != State::kRunning) {
    return {};
  }
  const std::size_t size = groups_[current_].size();
  if (running_group.error > 0 &&
      running_group.error * 100 >= size * static_cast<std::size_t>(error_threshold_)) {
    state_ = State::kStopped;
    return {};
  }
  if (running_group.success * 100 < size * static_cast<std::size_t>(success_threshold_)) {
    return {};
  }
  if (current_ + 1 == groups_.size()) {
    state_ = State::kFinished;
    return {};
  }
  ++current_;
  return groups_[current_];
}

const char* to_string(Rollout::State state) {
  switch (state) {
    case Rollout::State::kReady:
      return "ready";
    case Rollout::State::kRunning:
      return "running";
    case Rollout::State::kStopped:
      return "stopped";
    case Rollout::State::kFinished:
      return "finished";
  }
  return "ready";
}

}  // namespace kiosk::fleet_sandbox
