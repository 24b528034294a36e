#include <catch2/catch.hpp>

#include "parity/gate/policy.hpp"

using parity::gate::Policy;
using parity::gate::PolicyError;

TEST_CASE("a policy reads the portable keys, absent keys are not checked") {
    const auto policy = Policy::parse(nlohmann::json::parse(
        R"({"min_speedup_p50": 20, "require_error_parity": true, "_why": "the seed's target"})"), "p.json");
    CHECK(*policy.min_speedup_p50 == 20);
    CHECK(*policy.require_error_parity);
    CHECK_FALSE(policy.max_crashes);
    CHECK(policy.require_stable_host);
}

TEST_CASE("policy mistakes name the file and the key") {
    CHECK_THROWS_WITH(Policy::parse(nlohmann::json::parse(R"({"min_speedup_p5O": 20})"), "p.json"),
                      Catch::StartsWith("p.json: unknown criterion \"min_speedup_p5O\""));
    CHECK_THROWS_WITH(Policy::parse(nlohmann::json::parse(R"({"max_crashes": -1})"), "p.json"),
                      "p.json: \"max_crashes\" must be a non-negative number, got -1");
    CHECK_THROWS_WITH(Policy::parse(nlohmann::json::parse(R"({"require_error_parity": 1})"), "p.json"),
                      "p.json: \"require_error_parity\" must be true or false");
    CHECK_THROWS_AS(Policy::parse(nlohmann::json::array(), "p.json"), PolicyError);
    CHECK_THROWS_WITH(Policy::load("/nonexistent/policy.json"), "/nonexistent/policy.json: cannot read the policy");
}
