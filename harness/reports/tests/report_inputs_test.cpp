#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

#include "parity/reports/report_inputs.hpp"
#include "report_fixture.hpp"

using namespace parity::reports;
using namespace parity::reports::testing;

TEST_CASE("load_report_inputs reads report.json, results.jsonl and verdict.json", "[report_inputs]") {
    const ReportInputs inputs = load_fixture("mismatching");
    CHECK(inputs.report["summary"]["mismatched"] == 3);
    REQUIRE(inputs.requests.size() == 6);
    CHECK(inputs.requests[0].id == "m1");
    CHECK(inputs.requests[0].reference_wall_ns == 8000000);
    REQUIRE(inputs.verdict);
    CHECK((*inputs.verdict)["verdict"] == "NO-GO");
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
