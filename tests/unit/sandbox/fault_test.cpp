#include "sandbox/fault.hpp"

#include <gtest/gtest.h>

#include "sandbox/problem.hpp"

namespace kiosk::sandbox {
namespace {

TEST(FaultSpec, ParsesEveryKind) {
  const auto f = parse_fault_spec("latency=250, status=503:0.5, 429:7, drop:0.25@/v1/dossiers, truncate");
  ASSERT_EQ(f.size(), 5u);
  EXPECT_EQ(f[0].kind, FaultKind::kLatency);
  EXPECT_EQ(f[0].latency_ms, 250);
  EXPECT_EQ(f[1].kind, FaultKind::kStatus);
  EXPECT_EQ(f[1].status, 503);
  EXPECT_DOUBLE_EQ(f[1].rate, 0.5);
  EXPECT_EQ(f[2].kind, FaultKind::kRateLimit);
  EXPECT_EQ(f[2].retry_after, 7);
  EXPECT_EQ(f[3].kind, FaultKind::kDrop);
  EXPECT_DOUBLE_EQ(f[3].rate, 0.25);
  EXPECT_EQ(f[3].path_prefix, "/v1/dossiers");
  EXPECT_TRUE(f[3].applies_to("/v1/dossiers/abc/submit"));
  EXPECT_FALSE(f[3].applies_to("/v1/citizens"));
  EXPECT_EQ(f[4].kind, FaultKind::kTruncate);
  EXPECT_EQ(parse_fault_spec("status=429")[0].kind, FaultKind::kRateLimit);
}

TEST(FaultSpec, RoundTripsThroughText) {
  for (const char* spec :
       {"latency=10", "status=500", "429:3", "drop", "truncate:0.5@/v1/x", "status=503:0.1"}) {
    const auto f = parse_fault_spec(spec);
    EXPECT_EQ(f.at(0).to_spec(), spec);
  }
}

TEST(FaultSpec, RefusesNonsense) {
  for (const char* bad : {"", ",", "boom", "latency", "latency=-1", "latency=x", "status=200", "status=503:2",
                          "429:1:0.5:9", "drop:abc", "drop@v1", "latency=99999999"}) {
    EXPECT_THROW(parse_fault_spec(bad), FaultSpecError) << bad;
  }
}

TEST(FaultSet, JsonRoundTripAndValidation) {
  const auto faults = parse_fault_spec("latency=5,429:2@/v1/catalog");
  const auto back = faults_from_json(faults_to_json(faults));
  ASSERT_EQ(back.size(), 2u);
  EXPECT_EQ(back[1].to_spec(), "429:2@/v1/catalog");
  EXPECT_THROW(faults_from_json(nlohmann::json{{"faults", {{{"kind", "drop"}, {"rate", 3}}}}}), Problem);
  EXPECT_THROW(faults_from_json(nlohmann::json{{"faults", {{{"kind", "drop"}, {"colour", 1}}}}}), Problem);
  EXPECT_THROW(faults_from_json(nlohmann::json::array()), Problem);
  // A kind that is not a string is refused like an unknown one, never a crash.
  EXPECT_THROW(faults_from_json(nlohmann::json{{"faults", {{{"kind", 0.5}}}}}), Problem);
}

}  // namespace
}  // namespace kiosk::sandbox
