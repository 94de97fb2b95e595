#include "sandbox/fleet/fleet_service.hpp"

#include <openssl/evp.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <stdexcept>

namespace kiosk::fleet_sandbox {

using nlohmann::json;

namespace {

std::string hex_digest(const EVP_MD* md, const std::string& bytes) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int size = 0;
  EVP_Digest(bytes.data(), bytes.size(), digest.data(), &size, md, nullptr);
  std::string hex;
  hex.reserve(size * 2);
  for (unsigned int i = 0; i < size; ++i) {
    std::array<char, 3> pair{};
    std::snprintf(pair.data(), pair.size(), "%02x", digest[i]);
    hex += pair.data();
  }
  return hex;
}

DdiReply status_only(int status) {
  return DdiReply{status, nullptr, {}};
}

// hawkBit answers client errors with its exception body; the stand-in keeps
// the fields a client may log.
DdiReply error_reply(int status, const std::string& code, const std::string& message) {
  return DdiReply{status, json{{"errorCode", code}, {"message", message}}, {}};
}

const std::vector<std::string> kExecutions = {"closed",   "proceeding", "canceled",   "scheduled",
                                              "rejected", "resumed",    "downloaded", "download"};
const std::vector<std::string> kFinished = {"success", "failure", "none"};

bool contains(const std::vector<std::string>& values, const std::string& value) {
  return std::find(values.begin(), values.end(), value) != values.end();
}

// DdiActionFeedback: {"timestamp"?, "status": {"execution", "result":
// {"finished", "progress"?: {"cnt","of"}}, "code"?, "details"?: [..]}}.
std::optional<FeedbackRecord> parse_feedback(const json& body) {
  if (!body.is_object() || !body.contains("status") || !body["status"].is_object()) {
    return std::nullopt;
  }
  const json& status = body["status"];
  if (!status.contains("execution") || !status["execution"].is_string() || !status.contains("result") ||
      !status["result"].is_object()) {
    return std::nullopt;
  }
  FeedbackRecord record;
  record.execution = status["execution"].get<std::string>();
  const json& result = status["result"];
  if (!contains(kExecutions, record.execution) || !result.contains("finished") ||
      !result["finished"].is_string()) {
    return std::nullopt;
  }
  record.finished = result["finished"].get<std::string>();
  if (!contains(kFinished, record.finished)) {
    return std::nullopt;
  }
  if (result.contains("progress")) {
    const json& progress = result["progress"];
    if (!progress.is_object() || !progress.value("cnt", json()).is_number_integer() ||
        !progress.value("of", json()).is_number_integer()) {
      return std::nullopt;
    }
    record.progress_cnt = progress["cnt"].get<int>();
    record.progress_of = progress["of"].get<int>();
  }
  if (status.contains("details")) {
    if (!status["details"].is_array()) {
      return std::nullopt;
    }
    for (const auto& line : status["details"]) {
      if (!line.is_string()) {
        return std::nullopt;
      }
      record.details.push_back(line.get<std::string>());
    }
  }
  return record;
}

// Target attribute quota of hawkBit: at most 100 entries per target, keys
// and values at most 128 characters.
constexpr std::size_t kMaxAttributes = 100;
constexpr std::size_t kMaxAttributeLength = 128;

}  // namespace

Artifact make_artifact(std::string filename, std::string bytes) {
  Artifact artifact;
  artifact.filename = std::move(filename);
  artifact.sha1 = hex_digest(EVP_sha1(), bytes);
  artifact.md5 = hex_digest(EVP_md5(), bytes);
  artifact.sha256 = hex_digest(EVP_sha256(), bytes);
  artifact.bytes = std::make_shared<const std::string>(std::move(bytes));
  return artifact;
}

std::string generated_bytes(std::size_t size, std::uint64_t seed) {
  std::string bytes(size, '\0');
  std::uint64_t x = seed * 0x9E3779B97F4A7C15ULL + 1;
  for (std::size_t i = 0; i < size; ++i) {
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    bytes[i] = static_cast<char>(x & 0xFF);
  }
  return bytes;
}

std::optional<int> parse_sleep_seconds(const std::string& sleep) {
  int h = 0;
  int m = 0;
  int s = 0;
  char tail = 0;
  if (sleep.size() != 8 || std::sscanf(sleep.c_str(), "%2d:%2d:%2d%c", &h, &m, &s, &tail) != 3 || m > 59 ||
      s > 59 || h < 0 || m < 0 || s < 0) {
    return std::nullopt;
  }
  return h * 3600 + m * 60 + s;
}

FleetService::FleetService(std::string tenant, std::string polling_sleep)
    : tenant_(std::move(tenant)), polling_sleep_(std::move(polling_sleep)) {
  if (!parse_sleep_seconds(polling_sleep_)) {
    throw std::invalid_argument("polling sleep must be HH:MM:SS");
  }
}

void FleetService::set_polling_sleep(std::string sleep) {
  if (!parse_sleep_seconds(sleep)) {
    throw std::invalid_argument("polling sleep must be HH:MM:SS");
  }
  const std::lock_guard lock(mutex_);
  polling_sleep_ = std::move(sleep);
}

void FleetService::add_target(const std::string& controller_id, const std::string& token) {
  const std::lock_guard lock(mutex_);
  Target& target = targets_[controller_id];
  target.controller_id = controller_id;
  target.token = token;
}

std::optional<std::string> FleetService::token_of(const std::string& controller_id) const {
  const std::lock_guard lock(mutex_);
  const auto it = targets_.find(controller_id);
  if (it == targets_.end()) {
    return std::nullopt;
  }
  return it->second.token;
}

std::int64_t FleetService::add_distribution(std::string name, std::string version,
                                            std::vector<Artifact> artifacts) {
  const std::lock_guard lock(mutex_);
  Distribution dist;
  dist.id = next_id_++;
  dist.name = std::move(name);
  dist.version = std::move(version);
  SoftwareModule module;
  module.id = next_id_++;
  module.part = "os";
  module.name = dist.name;
  module.version = dist.version;
  module.artifacts = std::move(artifacts);
  dist.modules.push_back(std::move(module));
  const auto id = dist.id;
  distributions_.emplace(id, std::move(dist));
  return id;
}

std::optional<std::int64_t> FleetService::assign(const std::string& controller_id,
                                                 std::int64_t distribution_id, const AssignOptions& options) {
  const std::lock_guard lock(mutex_);
  return assign_locked(controller_id, distribution_id, options, std::nullopt);
}

std::optional<std::int64_t> FleetService::assign_locked(const std::string& controller_id,
                                                        std::int64_t distribution_id,
                                                        const AssignOptions& options,
                                                        std::optional<std::int64_t> rollout) {
  if (!targets_.contains(controller_id) || !distributions_.contains(distribution_id)) {
    return std::nullopt;
  }
  // A new assignment supersedes the open one: hawkBit asks the target to
  // cancel it first.
  for (auto& [id, action] : actions_) {
    if (action.controller_id == controller_id && action.state == ActionState::kRunning) {
      action.state = ActionState::kCanceling;
    }
  }
  Action action;
  action.id = next_id_++;
  action.controller_id = controller_id;
  action.distribution_id = distribution_id;
  action.forced = options.forced;
  action.download_only = options.download_only;
  action.window_available = options.window_available;
  action.rollout_id = rollout;
  const auto id = action.id;
  actions_.emplace(id, std::move(action));
  return id;
}

bool FleetService::set_window(std::int64_t action_id, bool available) {
  const std::lock_guard lock(mutex_);
  const auto it = actions_.find(action_id);
  if (it == actions_.end()) {
    return false;
  }
  it->second.window_available = available;
  return true;
}

bool FleetService::request_cancel(std::int64_t action_id) {
  const std::lock_guard lock(mutex_);
  const auto it = actions_.find(action_id);
  if (it == actions_.end() || it->second.state != ActionState::kRunning) {
    return false;
  }
  it->second.state = ActionState::kCanceling;
  return true;
}

std::int64_t FleetService::create_rollout(std::string name, std::int64_t distribution_id,
                                          std::vector<std::string> targets,
                                          const std::vector<int>& cumulative_percent, int success_threshold,
                                          int error_threshold, const AssignOptions& options) {
  const std::lock_guard lock(mutex_);
  if (!distributions_.contains(distribution_id)) {
    throw std::invalid_argument("unknown distribution");
  }
  for (const auto& t : targets) {
    if (!targets_.contains(t)) {
      throw std::invalid_argument("unknown target " + t);
    }
  }
  const auto id = next_id_++;
  rollouts_.emplace(id, Rollout(id, std::move(name), distribution_id, std::move(targets), cumulative_percent,
                                success_threshold, error_threshold));
  rollout_options_[id] = options;
  return id;
}

bool FleetService::start_rollout(std::int64_t rollout_id) {
  const std::lock_guard lock(mutex_);
  const auto it = rollouts_.find(rollout_id);
  if (it == rollouts_.end() || it->second.state() != Rollout::State::kReady) {
    return false;
  }
  for (const auto& t : it->second.start()) {
    assign_locked(t, it->second.distribution_id(), rollout_options_[rollout_id], rollout_id);
  }
  return true;
}

void FleetService::advance_rollout_locked(std::int64_t rollout_id) {
  auto it = rollouts_.find(rollout_id);
  if (it == rollouts_.end()) {
    return;
  }
  Rollout& rollout = it->second;
  for (;;) {
    if (rollout.state() != Rollout::State::kRunning) {
      return;
    }
    const auto& group = rollout.groups()[rollout.current_group()];
    Rollout::Counts counts;
    for (const auto& [id, action] : actions_) {
      if (action.rollout_id == rollout_id &&
          std::find(group.begin(), group.end(), action.controller_id) != group.end()) {
        counts.success += action.state == ActionState::kFinished ? 1 : 0;
        counts.error += action.state == ActionState::kError ? 1 : 0;
      }
    }
    const auto next = rollout.evaluate(counts);
    if (next.empty()) {
      return;
    }
    for (const auto& t : next) {
      assign_locked(t, rollout.distribution_id(), rollout_options_[rollout_id], rollout_id);
    }
  }
}

std::optional<json> FleetService::describe_action(std::int64_t action_id) const {
  const std::lock_guard lock(mutex_);
  const auto it = actions_.find(action_id);
  if (it == actions_.end()) {
    return std::nullopt;
  }
  const Action& a = it->second;
  json feedback = json::array();
  for (const auto& f : a.feedback) {
    json entry{{"execution", f.execution}, {"finished", f.finished}, {"details", f.details}};
    if (f.progress_cnt) {
      entry["progress"] = {{"cnt", *f.progress_cnt}, {"of", *f.progress_of}};
    }
    feedback.push_back(entry);
  }
  json out{{"id", a.id},
           {"controller_id", a.controller_id},
           {"distribution", a.distribution_id},
           {"state", to_string(a.state)},
           {"forced", a.forced},
           {"feedback", feedback}};
  if (a.window_available) {
    out["maintenance_window"] = *a.window_available ? "available" : "unavailable";
  }
  if (a.rollout_id) {
    out["rollout"] = *a.rollout_id;
  }
  return out;
}

std::optional<json> FleetService::describe_target(const std::string& controller_id) const {
  const std::lock_guard lock(mutex_);
  const auto it = targets_.find(controller_id);
  if (it == targets_.end()) {
    return std::nullopt;
  }
  const Target& t = it->second;
  json actions = json::array();
  for (const auto& [id, action] : actions_) {
    if (action.controller_id == controller_id) {
      actions.push_back({{"id", id}, {"state", to_string(action.state)}});
    }
  }
  json out{
      {"controller_id", t.controller_id},   {"attributes", t.attributes},         {"requests", t.requests},
      {"artifact_bytes", t.artifact_bytes}, {"response_bytes", t.response_bytes}, {"actions", actions}};
  if (t.installed_action) {
    out["installed_action"] = *t.installed_action;
  }
  return out;
}

std::optional<json> FleetService::describe_rollout(std::int64_t rollout_id) const {
  const std::lock_guard lock(mutex_);
  const auto it = rollouts_.find(rollout_id);
  if (it == rollouts_.end()) {
    return std::nullopt;
  }
  const Rollout& r = it->second;
  json groups = json::array();
  for (std::size_t g = 0; g < r.groups().size(); ++g) {
    std::size_t success = 0;
    std::size_t error = 0;
    std::size_t running = 0;
    for (const auto& [id, action] : actions_) {
      if (action.rollout_id != rollout_id) {
        continue;
      }
      const auto& members = r.groups()[g];
      if (std::find(members.begin(), members.end(), action.controller_id) == members.end()) {
        continue;
      }
      success += action.state == ActionState::kFinished ? 1 : 0;
      error += action.state == ActionState::kError ? 1 : 0;
      running += is_open(action.state) ? 1 : 0;
    }
    groups.push_back({{"targets", r.groups()[g].size()},
                      {"success", success},
                      {"error", error},
                      {"running", running},
                      {"started", r.state() != Rollout::State::kReady && g <= r.current_group()}});
  }
  return json{{"id", r.id()},
              {"name", r.name()},
              {"distribution", r.distribution_id()},
              {"state", to_string(r.state())},
              {"current_group", r.current_group()},
              {"success_threshold", r.success_threshold()},
              {"error_threshold", r.error_threshold()},
              {"groups", groups}};
}

json FleetService::stats() const {
  const std::lock_guard lock(mutex_);
  std::uint64_t requests = 0;
  std::uint64_t artifact_bytes = 0;
  std::uint64_t response_bytes = 0;
  for (const auto& [id, t] : targets_) {
    requests += t.requests;
    artifact_bytes += t.artifact_bytes;
    response_bytes += t.response_bytes;
  }
  return json{
      {"targets", targets_.size()},       {"actions", actions_.size()},       {"requests", requests},
      {"artifact_bytes", artifact_bytes}, {"response_bytes", response_bytes}, {"feedback", feedback_count_}};
}

std::string FleetService::controller_path(const std::string& origin, const std::string& controller_id) const {
  return origin + "/" + tenant_ + "/controller/v1/" + controller_id;
}

const Action* FleetService::open_action_locked(const std::string& controller_id) const {
  // The oldest open action first: a cancellation must be settled before the
  // action that superseded it is offered.
  for (const auto& [id, action] : actions_) {
    if (action.controller_id == controller_id && is_open(action.state)) {
      return &action;
    }
  }
  return nullptr;
}

DdiReply FleetService::controller_base(const std::string& controller_id, const std::string& origin) {
  const std::lock_guard lock(mutex_);
  const auto it = targets_.find(controller_id);
  if (it == targets_.end()) {
    return error_reply(404, "hawkbit.server.error.repo.entitiyNotFound", "target not found");
  }
  const Target& target = it->second;
  const std::string base = controller_path(origin, controller_id);
  json links = json::object();
  if (const Action* action = open_action_locked(controller_id)) {
    const std::string id = std::to_string(action->id);
    if (action->state == ActionState::kCanceling) {
      links["cancelAction"] = {{"href", base + "/cancelAction/" + id}};
    } else {
      // The "c" parameter changes with the action's content so that caches
      // and clients see a new resource; hawkBit uses a hash the same way.
      const auto c = std::hash<std::string>{}(id + (action->window_available.value_or(true) ? "a" : "u"));
      links["deploymentBase"] = {
          {"href", base + "/deploymentBase/" + id + "?c=" + std::to_string(c % 1000000007)}};
    }
  }
  if (target.installed_action) {
    links["installedBase"] = {{"href", base + "/installedBase/" + std::to_string(*target.installed_action)}};
  }
  if (target.config_requested) {
    links["configData"] = {{"href", base + "/configData"}};
  }
  json body{{"config", {{"polling", {{"sleep", polling_sleep_}}}}}};
  if (!links.empty()) {
    body["_links"] = links;
  }
  return DdiReply{200, body, {}};
}

DdiReply FleetService::put_config_data(const std::string& controller_id, const json& body) {
  const std::lock_guard lock(mutex_);
  const auto it = targets_.find(controller_id);
  if (it == targets_.end()) {
    return error_reply(404, "hawkbit.server.error.repo.entitiyNotFound", "target not found");
  }
  if (!body.is_object() || !body.contains("data") || !body["data"].is_object()) {
    return error_reply(400, "hawkbit.server.error.rest.body.notReadable", "configData needs a data object");
  }
  const std::string mode = body.value("mode", "merge");
  if (mode != "merge" && mode != "replace" && mode != "remove") {
    return error_reply(400, "hawkbit.server.error.rest.body.notReadable", "mode is merge, replace or remove");
  }
  std::map<std::string, std::string> data;
  for (const auto& [key, value] : body["data"].items()) {
    if (!value.is_string()) {
      return error_reply(400, "hawkbit.server.error.rest.body.notReadable", "attribute values are strings");
    }
    const auto text = value.get<std::string>();
    if (key.empty() || key.size() > kMaxAttributeLength || text.size() > kMaxAttributeLength) {
      return error_reply(400, "hawkbit.server.error.rest.param.invalid", "attribute key or value too long");
    }
    data[key] = text;
  }
  std::map<std::string, std::string> next =
      mode == "replace" ? std::map<std::string, std::string>{} : it->second.attributes;
  for (const auto& [key, value] : data) {
    if (mode == "remove") {
      next.erase(key);
    } else {
      next[key] = value;
    }
  }
  if (next.size() > kMaxAttributes) {
    return error_reply(403, "hawkbit.server.error.quota.tooManyEntries",
                       "more than 100 attributes per target");
  }
  it->second.attributes = std::move(next);
  it->second.config_requested = false;
  return status_only(200);
}

json FleetService::deployment_json(const Action& action, const std::string& origin) const {
  const Distribution& dist = distributions_.at(action.distribution_id);
  const std::string base = controller_path(origin, action.controller_id);
  json chunks = json::array();
  for (const auto& module : dist.modules) {
    json artifacts = json::array();
    for (const auto& a : module.artifacts) {
      const std::string href =
          base + "/softwaremodules/" + std::to_string(module.id) + "/artifacts/" + a.filename;
      artifacts.push_back({{"filename", a.filename},
                           {"hashes", {{"sha1", a.sha1}, {"md5", a.md5}, {"sha256", a.sha256}}},
                           {"size", a.bytes->size()},
                           {"_links",
                            {{"download", {{"href", href}}},
                             {"download-http", {{"href", href}}},
                             {"md5sum", {{"href", href + ".MD5SUM"}}},
                             {"md5sum-http", {{"href", href + ".MD5SUM"}}}}}});
    }
    chunks.push_back({{"part", module.part},
                      {"version", module.version},
                      {"name", module.name},
                      {"artifacts", artifacts}});
  }
  const HandlingType download = action.forced ? HandlingType::kForced : HandlingType::kAttempt;
  HandlingType update = download;
  if (action.download_only || (action.window_available && !*action.window_available)) {
    update = HandlingType::kSkip;
  }
  json deployment{{"download", to_string(download)}, {"update", to_string(update)}, {"chunks", chunks}};
  if (action.window_available) {
    deployment["maintenanceWindow"] = *action.window_available ? "available" : "unavailable";
  }
  return json{{"id", std::to_string(action.id)}, {"deployment", deployment}};
}

DdiReply FleetService::deployment_base(const std::string& controller_id, std::int64_t action_id,
                                       const std::string& origin) {
  const std::lock_guard lock(mutex_);
  const auto it = actions_.find(action_id);
  if (!targets_.contains(controller_id) || it == actions_.end() ||
      it->second.controller_id != controller_id || it->second.state == ActionState::kCanceling ||
      it->second.state == ActionState::kCanceled) {
    return error_reply(404, "hawkbit.server.error.repo.entitiyNotFound", "action not found");
  }
  return DdiReply{200, deployment_json(it->second, origin), {}};
}

DdiReply FleetService::installed_base(const std::string& controller_id, std::int64_t action_id,
                                      const std::string& origin) {
  const std::lock_guard lock(mutex_);
  const auto target = targets_.find(controller_id);
  const auto it = actions_.find(action_id);
  if (target == targets_.end() || it == actions_.end() || it->second.controller_id != controller_id ||
      it->second.state != ActionState::kFinished) {
    return error_reply(404, "hawkbit.server.error.repo.entitiyNotFound", "no installed action with this id");
  }
  return DdiReply{200, deployment_json(it->second, origin), {}};
}

DdiReply FleetService::action_feedback(const std::string& controller_id, std::int64_t action_id,
                                       const json& body) {
  const std::lock_guard lock(mutex_);
  const auto it = actions_.find(action_id);
  if (!targets_.contains(controller_id) || it == actions_.end() ||
      it->second.controller_id != controller_id) {
    return error_reply(404, "hawkbit.server.error.repo.entitiyNotFound", "action not found");
  }
  const auto record = parse_feedback(body);
  if (!record) {
    return error_reply(400, "hawkbit.server.error.rest.body.notReadable", "not a DDI action feedback");
  }
  Action& action = it->second;
  if (!is_open(action.state)) {
    return status_only(410);
  }
  ++feedback_count_;
  action.feedback.push_back(*record);
  if (record->execution == "closed") {
    action.state = record->finished == "success" ? ActionState::kFinished : ActionState::kError;
    if (action.state == ActionState::kFinished) {
      targets_[controller_id].installed_action = action.id;
    }
    if (action.rollout_id) {
      advance_rollout_locked(*action.rollout_id);
    }
  }
  return status_only(200);
}

DdiReply FleetService::cancel_action(const std::string& controller_id, std::int64_t action_id) {
  const std::lock_guard lock(mutex_);
  const auto it = actions_.find(action_id);
  if (!targets_.contains(controller_id) || it == actions_.end() ||
      it->second.controller_id != controller_id || it->second.state != ActionState::kCanceling) {
    return error_reply(404, "hawkbit.server.error.repo.entitiyNotFound", "no cancellation with this id");
  }
  const std::string id = std::to_string(action_id);
  return DdiReply{200, json{{"id", id}, {"cancelAction", {{"stopId", id}}}}, {}};
}

DdiReply FleetService::cancel_feedback(const std::string& controller_id, std::int64_t action_id,
                                       const json& body) {
  const std::lock_guard lock(mutex_);
  const auto it = actions_.find(action_id);
  if (!targets_.contains(controller_id) || it == actions_.end() ||
      it->second.controller_id != controller_id) {
    return error_reply(404, "hawkbit.server.error.repo.entitiyNotFound", "action not found");
  }
  const auto record = parse_feedback(body);
  if (!record) {
    return error_reply(400, "hawkbit.server.error.rest.body.notReadable", "not a DDI action feedback");
  }
  Action& action = it->second;
  if (action.state != ActionState::kCanceling) {
    return error_reply(405, "hawkbit.server.error.action.notCancelable", "the action is not being canceled");
  }
  ++feedback_count_;
  action.feedback.push_back(*record);
  if (record->execution == "rejected") {
    // The target could not stop: the update goes on.
    action.state = ActionState::kRunning;
  } else if (record->execution == "canceled" ||
             (record->execution == "closed" && record->finished == "success")) {
    action.state = ActionState::kCanceled;
  } else if (record->execution == "closed") {
    action.state = ActionState::kError;
  }
  return status_only(200);
}

std::optional<Artifact> FleetService::artifact(const std::string& controller_id, std::int64_t module_id,
                                               const std::string& filename) {
  const std::lock_guard lock(mutex_);
  if (!targets_.contains(controller_id)) {
    return std::nullopt;
  }
  for (const auto& [id, dist] : distributions_) {
    for (const auto& module : dist.modules) {
      if (module.id != module_id) {
        continue;
      }
      for (const auto& a : module.artifacts) {
        if (a.filename == filename) {
          return a;
        }
      }
    }
  }
  return std::nullopt;
}

void FleetService::count_request(const std::string& controller_id, std::size_t response_bytes) {
  const std::lock_guard lock(mutex_);
  const auto it = targets_.find(controller_id);
  if (it != targets_.end()) {
    ++it->second.requests;
    it->second.response_bytes += response_bytes;
  }
}

void FleetService::count_artifact_bytes(const std::string& controller_id, std::size_t bytes) {
  const std::lock_guard lock(mutex_);
  const auto it = targets_.find(controller_id);
  if (it != targets_.end()) {
    it->second.artifact_bytes += bytes;
  }
}

}  // namespace kiosk::fleet_sandbox
