#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "sandbox/fleet/fleet_model.hpp"
#include "sandbox/fleet/rollout.hpp"

namespace kiosk::fleet_sandbox {

struct DdiReply {
  int status = 200;
  nlohmann::json body;  // null: no body
  std::vector<std::pair<std::string, std::string>> headers;
};

struct AssignOptions {
  bool forced = false;
  bool download_only = false;
  std::optional<bool> window_available;  // set: the action has a maintenance schedule
};

// The DDI resources of one tenant, without HTTP: what each resource answers
// for a controller, and the bookkeeping of targets, actions and rollouts the
// admin API drives. Thread-safe.
class FleetService {
 public:
  FleetService(std::string tenant, std::string polling_sleep);

  [[nodiscard]] const std::string& tenant() const { return tenant_; }

  // Admin side.
  void set_polling_sleep(std::string sleep);
  void add_target(const std::string& controller_id, const std::string& token);
  std::optional<std::string> token_of(const std::string& controller_id) const;
  std::int64_t add_distribution(std::string name, std::string version, std::vector<Artifact> artifacts);
  std::optional<std::int64_t> assign(const std::string& controller_id, std::int64_t distribution_id,
                                     const AssignOptions& options);
  bool set_window(std::int64_t action_id, bool available);
  bool request_cancel(std::int64_t action_id);
  std::int64_t create_rollout(std::string name, std::int64_t distribution_id,
                              std::vector<std::string> targets, const std::vector<int>& cumulative_percent,
                              int success_threshold, int error_threshold, const AssignOptions& options);
  bool start_rollout(std::int64_t rollout_id);
  std::optional<nlohmann::json> describe_action(std::int64_t action_id) const;
  std::optional<nlohmann::json> describe_target(const std::string& controller_id) const;
  std::optional<nlohmann::json> describe_rollout(std::int64_t rollout_id) const;
  nlohmann::json stats() const;

  // DDI side. `origin` is scheme://host:port as the controller reached us;
  // links are absolute, like hawkBit's.
  DdiReply controller_base(const std::string& controller_id, const std::string& origin);
  DdiReply put_config_data(const std::string& controller_id, const nlohmann::json& body);
  DdiReply deployment_base(const std::string& controller_id, std::int64_t action_id,
                           const std::string& origin);
  DdiReply installed_base(const std::string& controller_id, std::int64_t action_id,
                          const std::string& origin);
  DdiReply action_feedback(const std::string& controller_id, std::int64_t action_id,
                           const nlohmann::json& body);
  DdiReply cancel_action(const std::string& controller_id, std::int64_t action_id);
  DdiReply cancel_feedback(const std::string& controller_id, std::int64_t action_id,
                           const nlohmann::json& body);
  std::optional<Artifact> artifact(const std::string& controller_id, std::int64_t module_id,
                                   const std::string& filename);
  void count_request(const std::string& controller_id, std::size_t response_bytes);
  void count_artifact_bytes(const std::string& controller_id, std::size_t bytes);

 private:
  std::string controller_path(const std::string& origin, const std::string& controller_id) const;
  nlohmann::json deployment_json(const Action& action, const std::string& origin) const;
  std::optional<std::int64_t> assign_locked(const std::string& controller_id, std::int64_t distribution_id,
                                            const AssignOptions& options,
                                            std::optional<std::int64_t> rollout);
  void advance_rollout_locked(std::int64_t rollout_id);
  const Action* open_action_locked(const std::string& controller_id) const;

  mutable std::mutex mutex_;
  std::string tenant_;
  std::string polling_sleep_;
  std::map<std::string, Target> targets_;
  std::map<std::int64_t, Distribution> distributions_;
  std::map<std::int64_t, Action> actions_;
  std::map<std::int64_t, Rollout> rollouts_;
  std::map<std::int64_t, AssignOptions> rollout_options_;
  std::int64_t next_id_ = 1;
  std::uint64_t feedback_count_ = 0;
};

// Hashes hawkBit publishes per artifact; sha1 doubles as the ETag.
Artifact make_artifact(std::string filename, std::string bytes);
// Deterministic pseudo-random content of `size` bytes, for test bundles.
std::string generated_bytes(std::size_t size, std::uint64_t seed);
// "HH:MM:SS" as hawkBit writes config.polling.sleep; nullopt if malformed.
std::optional<int> parse_sleep_seconds(const std::string& sleep);

}  // namespace kiosk::fleet_sandbox
