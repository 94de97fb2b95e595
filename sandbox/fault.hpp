#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace kiosk::sandbox {

// Faults the stand-in injects so the kiosk's reliability can be tested:
// a delay before the answer, an error status instead of the work, a 429
// with Retry-After, the connection closed half-way through the body (the
// work was done), or a well-framed but truncated JSON body (work done).
enum class FaultKind { kLatency, kStatus, kRateLimit, kDrop, kTruncate };

struct Fault {
  FaultKind kind = FaultKind::kLatency;
  int latency_ms = 0;
  int status = 503;
  int retry_after = 1;
  double rate = 1.0;        // probability that one request gets this fault
  std::string path_prefix;  // empty = every /v1 path

  bool applies_to(std::string_view path) const { return path.substr(0, path_prefix.size()) == path_prefix; }
  std::string to_spec() const;
  nlohmann::json to_json() const;
};

struct FaultSpecError : std::invalid_argument {
  using std::invalid_argument::invalid_argument;
};

// "latency=MS[:RATE]", "status=CODE[:RATE]", "429[:RETRY_AFTER[:RATE]]",
// "drop[:RATE]", "truncate[:RATE]", each optionally followed by "@/path/prefix",
// several separated by commas. Throws FaultSpecError.
std::vector<Fault> parse_fault_spec(std::string_view spec);

// The FaultSet schema of openapi.yaml. Throws Problem (invalid_request).
std::vector<Fault> faults_from_json(const nlohmann::json& set);
nlohmann::json faults_to_json(const std::vector<Fault>& faults);

}  // namespace kiosk::sandbox
