#include <catch2/catch.hpp>

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
