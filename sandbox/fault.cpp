#include "sandbox/fault.hpp"

#include <charconv>
#include <cstdio>
#include <cstdlib>

#include "kiosk/core/split.hpp"
#include "sandbox/problem.hpp"

namespace kiosk::sandbox {
namespace {

using nlohmann::json;

int to_int(std::string_view s, int min, int max, std::string_view what) {
  int v = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size() || v < min || v > max) {
    throw FaultSpecError(std::string(what) + " must be an integer in " + std::to_string(min) + ".." +
                         std::to_string(max) + ", got '" + std::string(s) + "'");
  }
  return v;
}

double to_rate(std::string_view s) {
  bool digits = false;
  int dots = 0;
  for (const char c : s) {
    digits = digits || (c >= '0' && c <= '9');
    dots += c == '.' ? 1 : 0;
    if ((c < '0' || c > '9') && c != '.') {
      digits = false;
      break;
    }
  }
  const double value =
      digits && dots <= 1 && s.size() < 32 ? std::strtod(std::string(s).c_str(), nullptr) : -1;
  if (value < 0 || value > 1.0) {
    throw FaultSpecError("rate must be a number in 0..1, got '" + std::string(s) + "'");
  }
  return value;
}

// The shortest text that reads back as the same rate.
std::string rate_text(double rate) {
  char buf[40];
  for (int precision = 1; precision <= 17; ++precision) {
    std::snprintf(buf, sizeof buf, "%.*g", precision, rate);
    if (std::strtod(buf, nullptr) == rate) {
      break;
    }
  }
  return buf;
}

Fault parse_one(std::string_view item) {
  Fault f;
  if (const std::size_t at = item.find('@'); at != std::string_view::npos) {
    f.path_prefix = std::string(item.substr(at + 1));
    if (f.path_prefix.empty() || f.path_prefix[0] != '/') {
      throw FaultSpecError("path prefix after @ must start with /");
    }
    item = item.substr(0, at);
  }
  std::string_view name = item;
  std::string_view value;
  if (const std::size_t eq = item.find('='); eq != std::string_view::npos) {
    name = item.substr(0, eq);
    value = item.substr(eq + 1);
  } else if (const std::size_t colon = item.find(':'); colon != std::string_view::npos) {
    name = item.substr(0, colon);
    value = item.substr(colon + 1);
  }
  const auto args = value.empty() ? std::vector<std::string_view>{} : split(value, ':');
  const auto want_args = [&](std::size_t min, std::size_t max) {
    if (args.size() < min || args.size() > max) {
      throw FaultSpecError("fault '" + std::string(name) + "' takes " + std::to_string(min) + ".." +
                           std::to_string(max) + " arguments");
    }
  };
  if (name == "latency") {
    want_args(1, 2);
    f.kind = FaultKind::kLatency;
    f.latency_ms = to_int(args[0], 0, 600000, "latency");
    if (args.size() > 1) {
      f.rate = to_rate(args[1]);
    }
  } else if (name == "status") {
    want_args(1, 2);
    f.status = to_int(args[0], 400, 599, "status");
    f.kind = f.status == 429 ? FaultKind::kRateLimit : FaultKind::kStatus;
    if (args.size() > 1) {
      f.rate = to_rate(args[1]);
    }
  } else if (name == "429") {
    want_args(0, 2);
    f.kind = FaultKind::kRateLimit;
    f.status = 429;
    if (!args.empty()) {
      f.retry_after = to_int(args[0], 0, 86400, "retry-after");
    }
    if (args.size() > 1) {
      f.rate = to_rate(args[1]);
    }
  } else if (name == "drop" || name == "truncate") {
    want_args(0, 1);
    f.kind = name == "drop" ? FaultKind::kDrop : FaultKind::kTruncate;
    if (!args.empty()) {
      f.rate = to_rate(args[0]);
    }
  } else {
    throw FaultSpecError("unknown fault '" + std::string(name) + "' (latency, status, 429, drop, truncate)");
  }
  return f;
}

const char* kind_name(FaultKind k) {
  switch (k) {
    case FaultKind::kLatency:
      return "latency";
    case FaultKind::kStatus:
      return "status";
    case FaultKind::kRateLimit:
      return "rate_limit";
    case FaultKind::kDrop:
      return "drop";
    case FaultKind::kTruncate:
      return "truncate";
  }
  return "latency";
}

}  // namespace

std::vector<Fault> parse_fault_spec(std::string_view spec) {
  std::vector<Fault> faults;
  for (std::string_view item : split(spec, ',')) {
    while (!item.empty() && item.front() == ' ') {
      item.remove_prefix(1);
    }
    while (!item.empty() && item.back() == ' ') {
      item.remove_suffix(1);
    }
    if (!item.empty()) {
      faults.push_back(parse_one(item));
    }
  }
  if (faults.empty()) {
    throw FaultSpecError("empty fault specification");
  }
  return faults;
}

std::string Fault::to_spec() const {
  std::string s;
  switch (kind) {
    case FaultKind::kLatency:
      s = "latency=" + std::to_string(latency_ms);
      break;
    case FaultKind::kStatus:
      s = "status=" + std::to_string(status);
      break;
    case FaultKind::kRateLimit:
      s = "429:" + std::to_string(retry_after);
      break;
    case FaultKind::kDrop:
      s = "drop";
      break;
    case FaultKind::kTruncate:
      s = "truncate";
      break;
  }
  if (rate < 1.0) {
    s += ":" + rate_text(rate);
  }
  if (!path_prefix.empty()) {
    s += "@" + path_prefix;
  }
  return s;
}

json Fault::to_json() const {
  json j{{"kind", kind_name(kind)}, {"rate", rate}};
  if (kind == FaultKind::kLatency) {
    j["latency_ms"] = latency_ms;
  }
  if (kind == FaultKind::kStatus || kind == FaultKind::kRateLimit) {
    j["status"] = status;
  }
  if (kind == FaultKind::kRateLimit) {
    j["retry_after"] = retry_after;
  }
  if (!path_prefix.empty()) {
    j["path_prefix"] = path_prefix;
  }
  return j;
}

json faults_to_json(const std::vector<Fault>& faults) {
  json list = json::array();
  for (const auto& f : faults) {
    list.push_back(f.to_json());
  }
  return json{{"faults", list}};
}

std::vector<Fault> faults_from_json(const json& set) {
  if (!set.is_object() || !set.contains("faults") || !set["faults"].is_array() || set.size() != 1) {
    throw Problem::invalid_request("/faults", "must be the only member, an array of faults");
  }
  std::vector<Fault> faults;
  const json& list = set["faults"];
  for (std::size_t i = 0; i < list.size(); ++i) {
    const json& item = list[i];
    const std::string at = "/faults/" + std::to_string(i);
    if (!item.is_object()) {
      throw Problem::invalid_request(at, "must be an object");
    }
    Fault f;
    const auto kind_member = item.find("kind");
    const std::string kind =
        kind_member != item.end() && kind_member->is_string() ? kind_member->get<std::string>() : "";
    if (kind == "latency") {
      f.kind = FaultKind::kLatency;
    } else if (kind == "status") {
      f.kind = FaultKind::kStatus;
    } else if (kind == "rate_limit") {
      f.kind = FaultKind::kRateLimit;
      f.status = 429;
    } else if (kind == "drop") {
      f.kind = FaultKind::kDrop;
    } else if (kind == "truncate") {
      f.kind = FaultKind::kTruncate;
    } else {
      throw Problem::invalid_request(at + "/kind", "must be latency, status, rate_limit, drop or truncate");
    }
    for (const auto& [key, value] : item.items()) {
      if (key == "kind") {
        continue;
      }
      if (key == "path_prefix") {
        if (!value.is_string() || value.get<std::string>().rfind('/', 0) != 0) {
          throw Problem::invalid_request(at + "/path_prefix", "must be a string starting with /");
        }
        f.path_prefix = value.get<std::string>();
      } else if (key == "rate") {
        if (!value.is_number() || value.get<double>() < 0 || value.get<double>() > 1) {
          throw Problem::invalid_request(at + "/rate", "must be a number in 0..1");
        }
        f.rate = value.get<double>();
      } else if (key == "latency_ms" || key == "status" || key == "retry_after") {
        const int max = key == "latency_ms" ? 600000 : key == "status" ? 599 : 86400;
        const int min = key == "status" ? 400 : 0;
        if (!value.is_number_integer() || value.get<std::int64_t>() < min ||
            value.get<std::int64_t>() > max) {
          throw Problem::invalid_request(
              at + "/" + key, "must be an integer in " + std::to_string(min) + ".." + std::to_string(max));
        }
        const int v = static_cast<int>(value.get<std::int64_t>());
        (key == "latency_ms" ? f.latency_ms : key == "status" ? f.status : f.retry_after) = v;
      } else {
        throw Problem::invalid_request(at + "/" + key, "is not a member of a fault");
      }
    }
    if (f.kind == FaultKind::kStatus && f.status == 429) {
      f.kind = FaultKind::kRateLimit;
    }
    faults.push_back(f);
  }
  return faults;
}

}  // namespace kiosk::sandbox
