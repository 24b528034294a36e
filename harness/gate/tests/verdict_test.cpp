#include <catch2/catch.hpp>

#include "parity/gate/verdict.hpp"

using parity::gate::Decision;
using parity::gate::evaluate;
using parity::gate::Policy;
using parity::harness::ExitCode;

namespace {

/// A hand-made report: 200 compared requests, all matching, candidate 30x faster at p50 (CI 28-32)
/// and 12x at p99 (CI 10.5-14), candidate p95 0.2 ms (CI up to 0.25), 1 MB RSS growth, quiet host.
nlohmann::json good_report() {
    return nlohmann::json::parse(R"({
      "schema_version": 1, "reference": "m:ref", "candidate": "m:native",
      "summary": {"requests": 200, "compared": 200, "matched": 200, "mismatched": 0, "crashes": 0,
                  "timeouts": 0, "candidate_unavailable": 0, "skipped": 0},
      "fields": [],
      "latency": {
        "samples": 200, "reference_cpu_share": 0.97,
        "paths": {"candidate": {"intervals": {
            "p50_ns": {"estimate": 100000, "low": 95000, "high": 105000},
            "p95_ns": {"estimate": 200000, "low": 180000, "high": 250000},
            "p99_ns": {"estimate": 300000, "low": 250000, "high": 400000}}}},
        "speedup": {"p50": {"value": 30, "ci_low": 28, "ci_high": 32},
                    "p95": {"value": 15, "ci_low": 13, "ci_high": 17},
                    "p99": {"value": 12, "ci_low": 10.5, "ci_high": 14}}},
      "memory": {"candidate": {"rss_growth_bytes": 1048576}}
    })");
}

Policy project_policy() {
    return Policy::parse(nlohmann::json::parse(R"({"max_mismatch_rate": 0, "require_error_parity": true,
        "max_crashes": 0, "max_timeouts": 0, "candidate_p95_ms_max": 0.3, "min_speedup_p50": 20,
        "min_speedup_p99": 10, "max_rss_growth_mb": 50, "min_requests": 150})"), "policy.json");
}

const parity::gate::Criterion& criterion(const parity::gate::Verdict& verdict, const std::string& name) {
    for (const auto& c : verdict.criteria) {
        if (c.name == name) return c;
    }
    FAIL("no criterion " << name);
    throw std::logic_error("unreachable");
}

}  // namespace

TEST_CASE("a report meeting every criterion is GO, exit 0") {
    const auto verdict = evaluate(good_report(), project_policy());
    CHECK(verdict.decision == Decision::go);
    CHECK(verdict.exit_code == ExitCode::success);
    CHECK(verdict.criteria.size() == 9);
    CHECK(verdict.to_json()["verdict"] == "GO");
}

TEST_CASE("mismatches, error differences, crashes or timeouts are NO-GO on parity, exit 1") {
    auto report = good_report();
    SECTION("a mismatch") { report["summary"]["mismatched"] = 1; }
    SECTION("an error message differs") {
        report["fields"] = nlohmann::json::parse(R"([{"pattern": "/message", "types": {"error_message": 2}}])");
    }
    SECTION("a crash") { report["summary"]["crashes"] = 1; }
    SECTION("a candidate that could not be set up") { report["summary"]["candidate_unavailable"] = 3; }
    SECTION("a timeout") { report["summary"]["timeouts"] = 1; }
    SECTION("parity fails even on a busy host with few samples") {
        report["summary"]["mismatched"] = 1;
        report["summary"]["compared"] = 3;
        report["latency"]["reference_cpu_share"] = 0.3;
    }
    const auto verdict = evaluate(report, project_policy());
    CHECK(verdict.decision == Decision::no_go);
    CHECK(verdict.exit_code == ExitCode::differences);
}

TEST_CASE("speedups pass only when the lower confidence bound clears the threshold") {
    auto report = good_report();
    report["latency"]["speedup"]["p50"] = {{"value", 21.0}, {"ci_low", 19.5}, {"ci_high", 22.0}};
    const auto verdict = evaluate(report, project_policy());
    CHECK(verdict.exit_code == ExitCode::performance);
    const auto& p50 = criterion(verdict, "min_speedup_p50");
    CHECK_FALSE(p50.passed);
    CHECK(*p50.measured == 21.0);  // the point estimate clears 20; the bound does not
    CHECK(p50.interval->first == 19.5);
}

TEST_CASE("latency ceilings are judged on the upper confidence bound") {
    auto report = good_report();
    report["latency"]["paths"]["candidate"]["intervals"]["p95_ns"]["high"] = 310000;
    const auto verdict = evaluate(report, project_policy());
    CHECK(verdict.exit_code == ExitCode::performance);
    CHECK_FALSE(criterion(verdict, "candidate_p95_ms_max").passed);
}

TEST_CASE("a leaking candidate trips the memory criterion, exit 3") {
    auto report = good_report();
    report["memory"]["candidate"]["rss_growth_bytes"] = 80LL * 1024 * 1024;
    const auto verdict = evaluate(report, project_policy());
    CHECK(verdict.exit_code == ExitCode::performance);
    CHECK_FALSE(criterion(verdict, "max_rss_growth_mb").passed);
    CHECK(*criterion(verdict, "max_rss_growth_mb").measured == Approx(80.0));
}

TEST_CASE("too few samples or a busy host cannot decide performance, exit 4") {
    auto report = good_report();
    SECTION("too few requests") { report["summary"]["compared"] = 40; }
    SECTION("the reference was starved of CPU while timed") { report["latency"]["reference_cpu_share"] = 0.5; }
    SECTION("even when performance also fails") {
        report["latency"]["reference_cpu_share"] = 0.5;
        report["latency"]["speedup"]["p50"]["ci_low"] = 3.0;
    }
    const auto verdict = evaluate(report, project_policy());
    CHECK(verdict.decision == Decision::undecided);
    CHECK(verdict.exit_code == ExitCode::undecidable);
}

TEST_CASE("a busy host is acceptable when the policy judges no performance") {
    auto report = good_report();
    report["latency"]["reference_cpu_share"] = 0.5;
    const auto policy = Policy::parse(nlohmann::json::parse(R"({"max_mismatch_rate": 0})"), "p");
    CHECK(evaluate(report, policy).exit_code == ExitCode::success);
}

TEST_CASE("an A/A run is GO without a performance verdict against itself") {
    auto report = good_report();
    report["candidate"] = report["reference"];
    report["latency"]["speedup"]["p50"] = {{"value", 1.0}, {"ci_low", 0.97}, {"ci_high", 1.03}};
    const auto verdict = evaluate(report, project_policy());
    CHECK(verdict.exit_code == ExitCode::success);
    CHECK_FALSE(criterion(verdict, "min_speedup_p50").applicable);
}

TEST_CASE("a report without latency fails the latency criteria it is asked for") {
    auto report = good_report();
    report.erase("latency");
    const auto verdict = evaluate(report, project_policy());
    CHECK(verdict.exit_code == ExitCode::performance);
    CHECK(criterion(verdict, "min_speedup_p50").explanation == "not measured: the report has no latency");
}
