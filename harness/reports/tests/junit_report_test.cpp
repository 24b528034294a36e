#include <catch2/catch.hpp>

#include <algorithm>

#include "parity/reports/junit_report.hpp"
#include "report_fixture.hpp"

using namespace parity::reports;
using namespace parity::reports::testing;

TEST_CASE("junit.xml of a matching run has one passing testcase", "[junit]") {
    const std::string xml = render_junit(load_fixture("matching"));
    INFO(xml);
    CHECK(xml.rfind("<?xml version=\"1.0\" encoding=\"UTF-8\"?>", 0) == 0);
    CHECK(occurrences(xml, "<testsuite ") == 1);
    CHECK(xml.find("<testsuite name=\"parity\" tests=\"1\" failures=\"0\"") != std::string::npos);
    CHECK(xml.find("<testcase classname=\"parity.fields\" name=\"all fields\" time=\"0\"/>") !=
          std::string::npos);
    CHECK(xml.find("timestamp=\"2026-01-02T03:04:05\"") != std::string::npos);
}

TEST_CASE("junit.xml of a mismatching run: fields, outcomes and gate criteria", "[junit]") {
    const std::string xml = render_junit(load_fixture("mismatching"));
    INFO(xml);
    CHECK(xml.find("tests=\"6\" failures=\"5\"") != std::string::npos);
    CHECK(xml.find("name=\"/*/score\"") != std::string::npos);
    CHECK(xml.find("message=\"5 differences in 3 requests\"") != std::string::npos);
    CHECK(xml.find("reference: 0.9930555555555557") != std::string::npos);
    CHECK(xml.find("name=\"crash m5 (candidate)\"") != std::string::npos);
    CHECK(xml.find("name=\"timeout m6 (candidate)\"") != std::string::npos);
    CHECK(xml.find("classname=\"parity.gate.parity\" name=\"max_mismatch_rate\"") != std::string::npos);
    CHECK(xml.find("<testcase classname=\"parity.gate.performance\" name=\"min_speedup_p50\" time=\"0\"/>") !=
          std::string::npos);
    CHECK(xml.find("all fields") == std::string::npos);
}

TEST_CASE("junit.xml without latency, environment or results", "[junit]") {
    const std::string xml = render_junit(load_fixture("minimal"));
    CHECK(xml.find("tests=\"1\" failures=\"0\"") != std::string::npos);
}

TEST_CASE("junit.xml escapes markup and drops characters XML forbids", "[junit]") {
    const std::string xml = render_junit(load_fixture("hostile"));
    INFO(xml);
    CHECK(xml.find("<script") == std::string::npos);
    CHECK(xml.find("]]>") == std::string::npos);
    CHECK(xml.find("<!--") == std::string::npos);
    CHECK(xml.find("cand-end") != std::string::npos);  // \u0001 ... \uffff removed
    for (const char c : xml) {
        const auto byte = static_cast<unsigned char>(c);
        CHECK((byte >= 0x20 || byte == '\n' || byte == '\t'));
    }
    CHECK(xml.find("\xEF\xBF\xBE") == std::string::npos);
    CHECK(xml.find("\xEF\xBF\xBF") == std::string::npos);
}

TEST_CASE("write_junit writes junit.xml into the folder", "[junit]") {
    const auto dir = copy_fixture("mismatching");
    write_junit(dir);
    CHECK(read_text(dir / "junit.xml") == render_junit(load_report_inputs(dir)));
}

TEST_CASE("junit.xml fails a parity.corpus case when the corpus is incomplete", "[junit]") {
    ReportInputs inputs = load_fixture("matching");
    CHECK(render_junit(inputs).find("parity.corpus") == std::string::npos);
    inputs.report.corpus.complete = false;
    inputs.report.corpus.problems = {"manifest.json: count is 0, but the segments hold 66 request lines"};
    const std::string xml = render_junit(inputs);
    CHECK(xml.find("<testcase classname=\"parity.corpus\" name=\"complete\" time=\"0\">\n      <failure "
                   "type=\"incomplete_corpus\" message=\"manifest.json: count is 0, but the segments hold 66 "
                   "request lines\">") != std::string::npos);
    CHECK(xml.find("failures=\"1\"") != std::string::npos);
}

TEST_CASE("junit.xml fails on reference drift from the recorded outputs", "[junit][drift]") {
    const std::string xml = render_junit(load_fixture("drifting"));
    INFO(xml);
    CHECK(xml.find("tests=\"2\" failures=\"1\"") != std::string::npos);
    CHECK(xml.find("<testcase classname=\"parity.reference_drift\" name=\"(root)\"") != std::string::npos);
    CHECK(
        xml.find("message=\"the replayed reference differs from the recorded outcome in 4 of 4 requests\"") !=
        std::string::npos);
    CHECK(xml.find("recorded: [{&quot;score&quot;:1.0,&quot;status&quot;:&quot;matched&quot;}]") !=
          std::string::npos);
    CHECK(xml.find("<property name=\"reference_drift\" value=\"4\"/>") != std::string::npos);
}

TEST_CASE("junit.xml fails a parity.baseline case per field that differs from the baseline",
          "[junit][baseline]") {
    const std::string xml = render_junit(load_fixture("baseline"));
    INFO(xml);
    // One suite still: the baseline's cases sit beside the port's fields, under a classname of their own.
    CHECK(occurrences(xml, "<testsuite ") == 1);
    CHECK(xml.find("<testsuite name=\"parity\" tests=\"5\" failures=\"2\"") != std::string::npos);
    CHECK(
        xml.find(
            "<testcase classname=\"parity.fields\" name=\"all fields\" time=\"0\"/>\n    <testcase "
            "classname=\"parity.baseline\" name=\"/*/score\" time=\"0\">\n      <failure "
            "type=\"baseline_mismatch\" message=\"the candidate differs from the baseline in 1 of 4 requests "
            "(2 differences)\">") != std::string::npos);
    CHECK(xml.find("  baseline: 0.97\n  candidate: 0.9712\n") != std::string::npos);
    CHECK(xml.find("<property name=\"baseline\" value=\"importer.adapters:live\"/>") != std::string::npos);
    CHECK(
        xml.find("<property name=\"baseline_summary\" value=\"2 of 4 compared requests match, 1 differs; the "
                 "baseline timed out on 1\"/>") != std::string::npos);
    CHECK(
        xml.find(
            "<property name=\"minimum_detectable_slowdown\" value=\"This run could detect a slowdown of the "
            "candidate of 3.1% at p50, 7.9% at p95, 15% at p99 against the reference, and of 4.2% at p50, "
            "11% "
            "at p95, 20% at p99 against the baseline (95% confidence, 95% power); a smaller one would go "
            "unseen\"/>") != std::string::npos);
    CHECK(xml.find("classname=\"parity.gate.evidence\" name=\"max_slowdown_vs_baseline_p99\"") !=
          std::string::npos);
}

TEST_CASE("junit.xml passes parity.baseline when nothing differs, fails it when the baseline cannot run",
          "[junit][baseline]") {
    ReportInputs inputs = without_baseline(load_fixture("baseline"));
    inputs.report.baseline =
        parity::replay::BaselineReport{"live:adapter", {}, {4, 4, 0, 0, 0, 0}, {}, {}, {}};
    std::string xml = render_junit(inputs);
    CHECK(xml.find("<testcase classname=\"parity.baseline\" name=\"all fields\" time=\"0\"/>") !=
          std::string::npos);
    CHECK(xml.find("tests=\"2\" failures=\"0\"") != std::string::npos);

    inputs.report.baseline->problems = {"ModuleNotFoundError: No module named 'live'"};
    inputs.report.baseline->summary = {4, 0, 0, 0, 0, 4};
    xml = render_junit(inputs);
    INFO(xml);
    CHECK(xml.find("<testcase classname=\"parity.baseline\" name=\"set up\" time=\"0\">\n      <failure "
                   "type=\"baseline_unavailable\" message=\"ModuleNotFoundError: No module named "
                   "&apos;live&apos;\">") != std::string::npos);
    CHECK(xml.find(
              "all fields\" time=\"0\"/>\n    <testcase classname=\"parity.baseline\" name=\"all fields\"") ==
          std::string::npos);

    // Fields left out of report.json (its size cap): the count alone still fails.
    inputs.report.baseline->problems.clear();
    inputs.report.baseline->summary = {4, 1, 3, 0, 0, 0};
    xml = render_junit(inputs);
    CHECK(xml.find("name=\"outputs\" time=\"0\">\n      <failure type=\"baseline_mismatch\" message=\"3 of 4 "
                   "requests differ from the baseline\">") != std::string::npos);
}

TEST_CASE("junit.xml without a baseline is the junit.xml of the same run before --baseline",
          "[junit][baseline]") {
    const std::string without = render_junit(without_baseline(load_fixture("baseline")));
    CHECK(without == render_junit(load_fixture("matching")));
    CHECK(without.find("aseline") == std::string::npos);
}

TEST_CASE("the minimum detectable slowdown adds one property to junit.xml and changes nothing else",
          "[junit]") {
    ReportInputs inputs = load_fixture("matching");
    std::vector<std::string> with = lines_of(render_junit(inputs));
    inputs.report.latency->minimum_detectable_slowdown.reset();
    const std::vector<std::string> without = lines_of(render_junit(inputs));
    const auto found =
        std::find(with.begin(), with.end(),
                  "      <property name=\"minimum_detectable_slowdown\" value=\"This run could "
                  "detect a slowdown of the candidate of 3.1% at p50, 7.9% at p95, 15% at p99 (95% "
                  "confidence, 95% power); a smaller one would go unseen\"/>");
    REQUIRE(found != with.end());
    with.erase(found);
    CHECK(with == without);
}
