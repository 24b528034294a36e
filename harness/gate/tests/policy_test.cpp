#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

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

TEST_CASE("the evidence criteria have defaults: one compared request, a complete corpus") {
    const auto policy = Policy::parse(nlohmann::json::object(), "p.json");
    CHECK(policy.min_requests == 1);
    CHECK(policy.require_complete_corpus);
    CHECK_FALSE(Policy::parse(nlohmann::json::parse(R"({"require_complete_corpus": false})"), "p.json")
                    .require_complete_corpus);
    CHECK_THROWS_WITH(Policy::parse(nlohmann::json::parse(R"({"min_requests": 0})"), "p.json"),
                      Catch::StartsWith("p.json: \"min_requests\" must be a number >= 1"));
    CHECK_THROWS_WITH(Policy::parse(nlohmann::json::parse(R"({"min_requests": 0.5})"), "p.json"),
                      Catch::StartsWith("p.json: \"min_requests\" must be a number >= 1"));
    CHECK_THROWS_WITH(Policy::parse(nlohmann::json::parse(R"({"require_complete_corpus": 1})"), "p.json"),
                      "p.json: \"require_complete_corpus\" must be true or false");
}

TEST_CASE("a policy file with a number out of range or a key given twice is refused, naming the key") {
    const auto file = std::filesystem::temp_directory_path() / "parity-policy-test.json";
    const auto load_text = [&](const std::string& text) {
        std::ofstream(file, std::ios::binary | std::ios::trunc) << text;
        return Policy::load(file);
    };
    CHECK_THROWS_WITH(load_text(R"({"max_crashes": 1e999})"),
                      file.string() + ": max_crashes: number out of range (number overflow parsing '1e999')");
    CHECK_THROWS_WITH(
        load_text(R"({"max_crashes": 5, "max_crashes": 0})"),
        file.string() + ": max_crashes: key given twice in one object (JSON would keep only the last)");
    CHECK_THROWS_WITH(load_text(R"({"max_crashes": 5)"),
                      Catch::StartsWith(file.string() + ": malformed JSON: "));
    CHECK_THROWS_AS(load_text(R"({"max_crashes": 5, "max_crashes": 0})"), PolicyError);
    std::filesystem::remove(file);
}

TEST_CASE("baseline criteria are policy keys, and a slowdown threshold below 1 is refused") {
    const auto policy = Policy::parse(nlohmann::json::parse(R"({"max_slowdown_vs_baseline_p50": 1.05,
        "max_slowdown_vs_baseline_p95": 1.1, "max_slowdown_vs_baseline_p99": 1.5, "require_baseline_parity": true})"),
                                      "p.json");
    CHECK(policy.max_slowdown_vs_baseline_p50 == 1.05);
    CHECK(policy.max_slowdown_vs_baseline_p95 == 1.1);
    CHECK(policy.max_slowdown_vs_baseline_p99 == 1.5);
    CHECK(policy.require_baseline_parity == true);
    CHECK_THROWS_WITH(
        Policy::parse(nlohmann::json::parse(R"({"max_slowdown_vs_baseline_p50": 0.95})"), "p.json"),
        Catch::Contains("p.json") && Catch::Contains("max_slowdown_vs_baseline_p50") &&
            Catch::Contains("at least 1"));
    CHECK_THROWS_WITH(Policy::parse(nlohmann::json::parse(R"({"require_baseline_parity": 1})"), "p.json"),
                      Catch::Contains("require_baseline_parity"));
}
