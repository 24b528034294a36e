// report.json's "limits", report.json held to its size, and repro bundles held to theirs.

#include <catch2/catch.hpp>

#include <string>

#include "parity/replay/report_limits.hpp"
#include "parity/replay/report_model.hpp"
#include "parity/replay/report_size_cap.hpp"
#include "parity/replay/written_bounds.hpp"

using namespace parity::replay;
using nlohmann::json;

namespace {

Report report_with_examples(std::size_t fields, std::size_t examples, std::size_t input_bytes) {
    Report report;
    report.summary.compared = 10;
    report.summary.mismatched = 10;
    for (std::size_t f = 0; f < fields; ++f) {
        FieldReport field{"/" + std::to_string(f), 10, 10, 1.0, {{"value", 10}}, {}};
        for (std::size_t e = 0; e < examples; ++e) {
            field.examples.push_back(DifferenceExample{"value", "/0", field.pattern, 1, 2, "1 vs 2", "r",
                                                       json{{"rows", std::string(input_bytes, 'i')}}, ""});
        }
        report.fields.push_back(field);
    }
    return report;
}

std::uint64_t written_size(const Report& report) {
    return nlohmann::ordered_json(report).dump(2).size() + 1;
}

}  // namespace

TEST_CASE("limits round-trip through report.json and a strict read", "[limits]") {
    Report report;
    report.limits = Limits{{128, 5}, {16, 0}, {64, 1}, {32, 0}, {8, 0}, {1024, 2}};
    const json written = json::parse(nlohmann::ordered_json(report).dump());
    CHECK(written["limits"]["output_depth"] == json({{"cap", 128}, {"hits", 5}}));
    const Report read = read_report(written, parity::harness::Leniency::tolerant);
    REQUIRE(read.limits);
    CHECK(read.limits->report_bytes.hits == 2);
    CHECK(read.limits->any_hit());
}

TEST_CASE("the limits warning names each cap hit and how often", "[limits]") {
    Limits limits{{128, 5}, {16, 0}, {64, 1}, {32, 0}, {8, 0}, {1024, 0}};
    CHECK(
        limits_warning(limits) ==
        "output caps hit: output_depth 128 (5 times), value_bytes 64 (1 time); values beyond them are shown "
        "as their length, sha256, head and tail, or left out (see limits)");
    CHECK(limits_warning(Limits{}).empty());
}

TEST_CASE("report.json within its cap is left whole", "[limits]") {
    Report report = report_with_examples(3, 2, 100);
    CHECK(hold_report_size(report, 1 << 20) == 0);
    CHECK(report.fields[2].examples[1].input);
    CHECK(report.warnings.empty());
}

TEST_CASE("report.json over its cap loses inputs first, then examples, never counts", "[limits]") {
    Report report = report_with_examples(4, 3, 10'000);
    const std::uint64_t cap = 64 * 1024;
    REQUIRE(written_size(report) > cap);
    CHECK(hold_report_size(report, cap) > 0);
    CHECK(written_size(report) <= cap);
    CHECK(report.fields.size() == 4);
    CHECK(report.fields[0].count == 10);
    CHECK(report.fields[0].examples.size() == 3);
    CHECK(report.warnings.size() == 1);
}

TEST_CASE("a repro bundle keeps a long request line out, and its differences to its share", "[limits]") {
    ReplayOptions options;
    options.max_bundle_bytes = 64 * 1024;
    LimitHits hits;
    ReproContent content{
        "r1", std::string(20'000, 'l'), {}, json{{"output", std::string(30'000, 'o')}}, json{{"output", 1}},
        {},   "requests.jsonl:7"};
    for (int i = 0; i < 100; ++i) {
        content.differences.push_back(
            parity::diff::Difference{parity::diff::DifferenceKind::value, "/" + std::to_string(i), "/*",
                                     std::string(500, 'a'), std::string(500, 'b'), "a vs b", "/0"});
    }
    bound_bundle(content, "requests.jsonl:7", options, hits);
    CHECK(content.request_line.empty());
    REQUIRE(content.request_summary);
    CHECK((*content.request_summary)["in_corpus"] == "requests.jsonl:7");
    CHECK((*content.request_summary)["line"]["bytes"] == 20'000);
    CHECK(content.reference["output"].contains("$summary"));
    CHECK(content.differences.size() < 100);
    CHECK(content.differences_not_written == 100 - content.differences.size());
    CHECK(hits.bundle_bytes == 3);
}
