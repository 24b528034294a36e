#include <catch2/catch.hpp>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "parity/reports/report_inputs.hpp"
#include "report_fixture.hpp"

using namespace parity::reports;
using namespace parity::reports::testing;

TEST_CASE("load_report_inputs reads report.json, results.jsonl and verdict.json", "[report_inputs]") {
    const ReportInputs inputs = load_fixture("mismatching");
    CHECK(inputs.report.summary.mismatched == 3);
    REQUIRE(inputs.requests.size() == 6);
    CHECK(inputs.requests[0].id == "m1");
    CHECK(inputs.requests[0].reference_wall_ns == 8000000);
    REQUIRE(inputs.verdict);
    CHECK(inputs.verdict->decision == parity::gate::Decision::no_go);
}

TEST_CASE("a path that crashed or timed out has no timing", "[report_inputs]") {
    const ReportInputs inputs = load_fixture("mismatching");
    CHECK(inputs.requests[4].reference_wall_ns);
    CHECK_FALSE(inputs.requests[4].candidate_wall_ns);
    CHECK_FALSE(inputs.requests[5].candidate_wall_ns);
}

TEST_CASE("results.jsonl and verdict.json are optional", "[report_inputs]") {
    const ReportInputs inputs = load_fixture("minimal");
    CHECK(inputs.requests.empty());
    CHECK_FALSE(inputs.verdict);
}

TEST_CASE("unreadable inputs throw naming the file", "[report_inputs]") {
    const auto empty = copy_fixture("minimal");
    std::filesystem::remove(empty / "report.json");
    CHECK_THROWS_WITH(load_report_inputs(empty), Catch::Contains("report.json"));

    const auto broken = copy_fixture("matching");
    std::ofstream(broken / "verdict.json") << "{not json";
    CHECK_THROWS_WITH(load_report_inputs(broken), Catch::Contains("verdict.json"));
}

TEST_CASE("a malformed results.jsonl line is reported with its line number", "[report_inputs]") {
    std::istringstream in("{\"id\":\"a\"}\n[1,2]\n");
    CHECK_THROWS_WITH(parse_results_jsonl(in, "results.jsonl"), Catch::Contains("results.jsonl:2"));
}

TEST_CASE("complete folders read without problems, partial ones list theirs", "[report_inputs]") {
    CHECK(load_fixture("matching").problems.empty());
    CHECK(load_fixture("mismatching").problems.empty());  // report.json and verdict.json
    CHECK(load_fixture("drifting").problems.empty());
    const ReportInputs minimal = load_fixture("minimal");
    CHECK_FALSE(minimal.report.latency);  // a report older than latency measurement: absent, not a problem
    CHECK_FALSE(minimal.report.environment);
    const auto& problems = minimal.problems;
    CHECK(std::find(problems.begin(), problems.end(), "report.json: tool: missing") != problems.end());
    CHECK(std::find(problems.begin(), problems.end(), "report.json: summary.skipped: missing") !=
          problems.end());
    const ReportInputs hostile = load_fixture("hostile");
    CHECK(std::find(hostile.problems.begin(), hostile.problems.end(),
                    "report.json: environment.cores: expected a whole number >= 0, got string") !=
          hostile.problems.end());
}

TEST_CASE("a damaged verdict.json reads as undecided, never as GO", "[report_inputs]") {
    const auto dir = copy_fixture("mismatching");
    std::ofstream(dir / "verdict.json") << R"({"exit_code": 0, "criteria": []})";
    const ReportInputs inputs = load_report_inputs(dir);
    REQUIRE(inputs.verdict);
    CHECK(inputs.verdict->decision == parity::gate::Decision::undecided);
    CHECK(std::find(inputs.problems.begin(), inputs.problems.end(), "verdict.json: verdict: missing") !=
          inputs.problems.end());
}

TEST_CASE("results.jsonl's baseline path is read like the other two", "[report_inputs][baseline]") {
    const ReportInputs inputs = load_fixture("baseline");
    REQUIRE(inputs.requests.size() == 4);
    CHECK(inputs.requests[0].baseline_wall_ns == 95000);
    CHECK(inputs.requests[0].baseline_cpu_ns == 85000);
    CHECK(inputs.requests[2].baseline_wall_ns == 120000);  // an error is timed
    CHECK_FALSE(inputs.requests[3].baseline_wall_ns);      // a timeout is not
    CHECK(inputs.problems.empty());
    CHECK_FALSE(load_fixture("matching").requests[0].baseline_wall_ns);
}
