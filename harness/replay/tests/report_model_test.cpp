#include <catch2/catch.hpp>

#include <atomic>
#include <filesystem>
#include <fstream>

#include <unistd.h>

#include "parity/replay/report_consistency.hpp"
#include "parity/replay/report_model.hpp"

using parity::harness::Leniency;
using parity::harness::ModelError;
using namespace parity::replay;

namespace {

/// A report with every section and every optional key filled in.
Report full_report() {
    Report report;
    report.tool.version = "0.1.0";
    report.corpus = {"/corpora/x",
                     "importer.match",
                     6,
                     "importer 0.1.0",
                     "job 1",
                     {{"rows", 12}},
                     "fnv1a64-0123456789abcdef",
                     true,
                     {}};
    report.reference = "m:reference";
    report.candidate = "m:native";
    RunOptions options;
    options.jobs = 2;
    options.timeout_s = 10.0;
    options.limit = 6;
    options.id = "r1";
    options.rules = "/rules.json";
    options.ported_stage = "kernel";
    report.options = options;
    report.started = "2026-01-02T03:04:05Z";
    report.finished = "2026-01-02T03:04:07Z";
    report.duration_s = 2.5;
    report.summary = {6, 4, 1, 3, 0, 1, 1, 0, 0, 1, 1, 2};  // 4 compared + 1 crash + 1 skipped
    DifferenceExample example{"value",   "/1/score",     "/*/score", 0.99,
                              0.98,      "0.99 vs 0.98", "m1",       nlohmann::json{{"rows", {1, 2}}},
                              "repro/m1"};
    report.fields = {FieldReport{"/*/score", 5, 3, 0.75, {{"value", 5}}, {example}}};
    NondeterministicField noisy;
    static_cast<FieldReport&>(noisy) = FieldReport{"/id", 4, 4, 1.0, {{"value", 4}}, {}};
    noisy.candidate_differences_not_counted = 2;
    report.nondeterministic = {noisy};
    report.outcomes = {
        OutcomeRecord{"m5", RequestOutcome::crash, "candidate", "killed by SIGSEGV", "repro/m5"},
        OutcomeRecord{"", RequestOutcome::skipped, "", "requests.jsonl:2: malformed JSON", ""}};
    report.outcomes_not_listed = 1;
    report.requests_with_differences = {"m1", "m5"};
    report.problems = {{"fixture sha256-1 unusable"}, {}};

    Latency latency;
    latency.timer_overhead_ns = 31.0;
    latency.warmup_discarded = 3;
    latency.samples = 4;
    latency.bootstrap_resamples = 2000;
    latency.bootstrap_seed = 1;
    const TimeSummary wall{4, 1e6, 2e6, 3e6, 3.5e6, 3.9e6, 3.99e6, 4e6, 2.5e6, 1e6};
    const PercentileIntervals intervals{
        {2e6, 1.5e6, 2.5e6, 0.95}, {3.5e6, 3e6, 4e6, 0.95}, {3.9e6, 3e6, 4e6, 0.95}};
    const HistogramReport histogram{3, 3600000000000, 4, 0, 999936, 3999744, {{999936, 1}, {3999744, 3}}};
    latency.paths = LatencyPaths{
        {wall, wall, intervals, histogram, wall}, {wall, wall, intervals, histogram, wall}, std::nullopt};
    latency.speedup = Speedups{
        {1.0, 0.9, 1.1}, {1.0, 0.9, 1.2}, {1.0, 0.8, 1.2}, {1, 0.9, 1.1, 0.8, 0.85, 0.9, 1.1, 1.2, 1.3}};
    latency.significance = Significance{"wilcoxon signed-rank", 3.0, -0.5, 0.6, 4, true};
    latency.reference_cpu_share = 0.97;
    latency.noise_floor = NoiseFloorReport{1.01, {1.01, 0.98, 1.04, 0.95}, 0.05, 0.06, 0.07};
    latency.warnings = {"only 4 paired samples"};
    report.latency = latency;
    Memory memory{{4, 1024, 0}, {4, -4096, 128}, 40 << 20, 41 << 20, 42 << 20, 20 << 20, std::nullopt};
    report.memory = memory;
    Environment environment;
    environment.host_name = "host";
    environment.cores = 2;
    environment.mhz = 2600.5;
    environment.load_average_start = {0.5, 0.4, 0.3};
    environment.git_commit = "0123456789abcdef0123456789abcdef01234567";
    report.environment = environment;
    report.warnings = {"only 4 paired samples"};
    report.shards = std::vector<ShardFolder>{{"/reports/shard1", "1/2"}, {"/reports/shard2", "2/2"}};
    report.summary.recorded_checked = 4;
    report.summary.reference_drift = 1;
    report.summary.candidate_vs_recorded = 2;
    report.recorded.ignored = {
        RecordedIgnore{"email", "hash", {"/**/email"}, {}, true, "a bare field name (legacy manifest)"}};
    report.recorded.reference_drift = {FieldReport{"/*/status", 1, 1, 0.25, {{"value", 1}}, {example}}};
    report.recorded.candidate_vs_recorded = {FieldReport{"/*/status", 2, 2, 0.5, {{"value", 2}}, {}}};
    Stages stages;
    stages.reference = {4, 3, 0.01, {{"parse", 0.002, 3, 0.2}, {"kernel", 0.006, 3, 0.6}}, 0.002, 0.2};
    stages.candidate = {4, 3, 0.005, {{"parse", 0.002, 3, 0.4}, {"kernel", 0.001, 3, 0.2}}, 0.002, 0.4};
    stages.ported = PortedStage{"kernel", 0.6, 2.5, 6.0, 2.0, 0.8};
    report.stages = stages;
    return report;
}

nlohmann::json full_json() {
    return nlohmann::json(nlohmann::ordered_json(full_report()));
}

/// The message of the ModelError a strict read of `document` throws, or "" if it reads.
std::string strict_error(const nlohmann::json& document) {
    try {
        (void)read_report(document, Leniency::strict);
    } catch (const ModelError& error) {
        return error.what();
    }
    return "";
}

std::filesystem::path temporary_file(const std::string& name, const std::string& content) {
    static std::atomic<int> counter{0};
    const auto dir = std::filesystem::temp_directory_path() /
                     ("parity-report-model-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    std::filesystem::create_directories(dir);
    std::ofstream(dir / name, std::ios::binary) << content;
    return dir / name;
}

}  // namespace

TEST_CASE("a report survives to_json and a strict read unchanged", "[report_model]") {
    const nlohmann::ordered_json written = full_report();
    const Report read = nlohmann::json(written).get<Report>();
    CHECK(nlohmann::ordered_json(read) == written);  // same keys, same order, same numbers
    CHECK(read.summary.conversion_notes == 2);
    CHECK(read.fields.at(0).examples.at(0).input == nlohmann::json{{"rows", {1, 2}}});
    CHECK(read.nondeterministic.at(0).candidate_differences_not_counted == 2);
    CHECK(read.outcomes.at(1).request_id.empty());
    CHECK(read.latency->paths->candidate.histogram.buckets.at(1) == std::array<std::uint64_t, 2>{3999744, 3});
    CHECK(read.memory->candidate.rss_growth_bytes == -4096);
    CHECK_FALSE(read.environment->governor);
    CHECK(read.shards->at(1).shard == "2/2");
    CHECK(read.summary.reference_drift == 1);
    CHECK(read.recorded.ignored.at(0).output_paths == std::vector<std::string>{"/**/email"});
    CHECK(read.recorded.reference_drift.at(0).pattern == "/*/status");
    CHECK(read.options->ported_stage == "kernel");
    CHECK(read.latency->paths->reference.process_cpu->p50_ns == 2e6);
    CHECK(read.stages->candidate.stages.at(1).name == "kernel");
    CHECK(read.stages->ported->amdahl_bound == 2.5);
}

TEST_CASE("reports written before stages and process CPU were measured still read", "[report_model]") {
    auto document = full_json();
    document.erase("stages");
    document["options"].erase("ported_stage");
    document["latency"]["paths"]["reference"].erase("process_cpu");
    const Report read = read_report(document, Leniency::strict);
    CHECK_FALSE(read.stages);
    CHECK_FALSE(read.options->ported_stage);
    CHECK_FALSE(read.latency->paths->reference.process_cpu);
    CHECK(read.latency->paths->candidate.process_cpu);
}

TEST_CASE("a stages section with a bound that is not known is written with null", "[report_model]") {
    Report report = full_report();
    report.stages->ported->amdahl_bound.reset();
    report.stages->ported->stage_speedup.reset();
    const nlohmann::ordered_json written = report;
    CHECK(written["stages"]["ported"]["amdahl_bound"].is_null());
    CHECK(written["stages"]["ported"]["stage_speedup"].is_null());
    CHECK(nlohmann::ordered_json(nlohmann::json(written).get<Report>()) == written);
    auto document = full_json();
    document["stages"]["reference"]["stages"][0]["seconds"] = "2 ms";
    CHECK_THAT(strict_error(document), Catch::StartsWith("stages.reference.stages[0].seconds: "));
}

TEST_CASE("a report without its drift counts is refused by a strict read", "[report_model]") {
    auto document = full_json();
    document["summary"].erase("reference_drift");
    CHECK(strict_error(document) == "summary.reference_drift: missing");
    document = full_json();
    document.erase("recorded");
    CHECK(strict_error(document) == "recorded: missing");
    document = full_json();
    document["recorded"]["ignored"][0]["legacy"] = "yes";
    CHECK_THAT(strict_error(document), Catch::StartsWith("recorded.ignored[0].legacy: "));
}

TEST_CASE("optional keys are left out, and unknown values written as null", "[report_model]") {
    Report report = full_report();
    report.options->limit.reset();
    report.fields.at(0).examples.at(0).input.reset();
    report.fields.at(0).examples.at(0).repro.clear();
    report.latency->noise_floor.reset();
    report.memory->parity_peak_rss_bytes.reset();
    report.shards.reset();
    const nlohmann::ordered_json written = report;
    CHECK(written["options"]["limit"].is_null());
    CHECK_FALSE(written["fields"][0]["examples"][0].contains("input"));
    CHECK_FALSE(written["fields"][0]["examples"][0].contains("repro"));
    CHECK_FALSE(written["latency"].contains("noise_floor"));
    CHECK_FALSE(written["memory"].contains("parity_peak_rss_bytes"));
    CHECK_FALSE(written.contains("shards"));
    CHECK(written["outcomes"][1].size() == 2);  // outcome and detail: no request id, path or repro
    CHECK(nlohmann::ordered_json(nlohmann::json(written).get<Report>()) == written);
}

TEST_CASE("a strict read names the key that is missing", "[report_model]") {
    auto document = full_json();
    SECTION("a count") {
        document["summary"].erase("compared");
        CHECK(strict_error(document) == "summary.compared: missing");
    }
    SECTION("a whole section") {
        document.erase("summary");
        CHECK(strict_error(document) == "summary: missing");
    }
    SECTION("a section old reports lack") {
        document.erase("latency");
        CHECK(strict_error(document) == "latency: missing");
    }
    SECTION("a key inside a list") {
        document["fields"][0]["examples"][0].erase("request_id");
        CHECK(strict_error(document) == "fields[0].examples[0].request_id: missing");
    }
    SECTION("a key that may be null but not absent") {
        document["environment"].erase("git_commit");
        CHECK(strict_error(document) == "environment.git_commit: missing");
    }
    SECTION("the summaries of timed samples") {
        document["latency"].erase("speedup");
        CHECK(strict_error(document) == "latency.speedup: missing although samples is 4");
    }
}

TEST_CASE("a strict read names the key whose value has the wrong type", "[report_model]") {
    auto document = full_json();
    SECTION("a string where a count belongs") {
        document["summary"]["compared"] = "12";
        CHECK(strict_error(document) == "summary.compared: expected a whole number >= 0, got string");
    }
    SECTION("a negative count") {
        document["summary"]["crashes"] = -1;
        CHECK(strict_error(document) == "summary.crashes: expected a whole number >= 0, got -1");
    }
    SECTION("a fraction where a count belongs") {
        document["latency"]["samples"] = 4.5;
        CHECK(strict_error(document) == "latency.samples: expected a whole number >= 0, got number");
    }
    SECTION("a string where a number belongs") {
        document["latency"]["speedup"]["p50"]["ci_low"] = "28";
        CHECK(strict_error(document) == "latency.speedup.p50.ci_low: expected a number, got string");
    }
    SECTION("an object where a list belongs") {
        document["fields"] = nlohmann::json::object();
        CHECK(strict_error(document) == "fields: expected an array, got object");
    }
    SECTION("an unknown outcome") {
        document["outcomes"][0]["outcome"] = "exploded";
        CHECK(strict_error(document) == "outcomes[0].outcome: unknown value \"exploded\"");
    }
    SECTION("an unknown difference kind") {
        document["fields"][0]["types"]["eror_type"] = 1;
        CHECK(strict_error(document) == "fields[0].types.eror_type: unknown difference kind \"eror_type\"");
    }
    SECTION("another schema version") {
        document["schema_version"] = 1;
        CHECK(strict_error(document) == "schema_version: unsupported version 1 (this parity reads 2)");
    }
    SECTION("not an object at all") {
        CHECK(strict_error(nlohmann::json::array()) == "expected an object, got array");
    }
}

TEST_CASE("a tolerant read keeps what it can and lists the rest", "[report_model]") {
    auto document = full_json();
    document.erase("latency");
    document.erase("environment");
    document["summary"].erase("skipped");
    document["summary"]["crashes"] = "one";
    std::vector<std::string> problems;
    const Report report = read_report(document, Leniency::tolerant, &problems);
    CHECK_FALSE(report.latency);  // older than latency measurement: absent, not a problem
    CHECK_FALSE(report.environment);
    CHECK(report.summary.skipped == 0);
    CHECK(report.summary.crashes == 0);
    CHECK(report.summary.compared == 4);
    CHECK(problems == std::vector<std::string>{"summary.crashes: expected a whole number >= 0, got string",
                                               "summary.skipped: missing"});
}

TEST_CASE("load_report names the file in every error", "[report_model]") {
    SECTION("unreadable") {
        const auto missing = std::filesystem::temp_directory_path() / "parity-no-such-dir" / "report.json";
        CHECK_THROWS_WITH(load_report(missing), missing.string() + ": cannot read the report");
    }
    SECTION("truncated") {
        const std::string text = nlohmann::ordered_json(full_report()).dump(2);
        const auto file = temporary_file("report.json", text.substr(0, text.size() / 2));
        CHECK_THROWS_WITH(load_report(file), Catch::StartsWith(file.string() + ": malformed JSON: "));
    }
    SECTION("a value of the wrong type") {
        auto document = full_json();
        document["summary"]["compared"] = "12";
        const auto file = temporary_file("report.json", document.dump());
        CHECK_THROWS_WITH(load_report(file),
                          file.string() + ": summary.compared: expected a whole number >= 0, got string");
    }
    SECTION("a complete report") {
        const auto file = temporary_file("report.json", "");
        save_report(full_report(), file);
        CHECK(nlohmann::ordered_json(load_report(file)) == nlohmann::ordered_json(full_report()));
    }
}

TEST_CASE("a report whose counts do not add up is corrupted evidence, named by its keys", "[report_model]") {
    SECTION("a complete report adds up") {
        CHECK(summary_inconsistencies(full_report()).empty());
    }
    SECTION("matched + mismatched must be compared") {
        auto report = full_report();
        report.summary.matched = 4;
        CHECK(
            summary_inconsistencies(report) ==
            std::vector<std::string>{"summary.matched (4) + summary.mismatched (3) != summary.compared (4)"});
    }
    SECTION("every request has one outcome") {
        auto report = full_report();
        report.summary.requests = 196 * 2;  // a shard merged twice
        const auto file = temporary_file("report.json", "");
        save_report(report, file);
        CHECK_THROWS_WITH(
            load_report(file),
            file.string() +
                ": inconsistent counts: summary.compared (4) + summary.crashes (1) + summary.timeouts "
                "(0) + summary.skipped (1) + summary.candidate_unavailable (0) != summary.requests "
                "(392)");
    }
    SECTION("errors raised are among the compared requests") {
        auto report = full_report();
        report.summary.candidate_errors = 5;
        CHECK(summary_inconsistencies(report) ==
              std::vector<std::string>{"summary.candidate_errors (5) > summary.compared (4)"});
    }
    SECTION("with --repeat a request compared on its first run may also crash in a timing run") {
        auto report = full_report();
        report.options->repeat = 3;
        report.summary.crashes = 2;  // one of them a compared request's repeat
        CHECK(summary_inconsistencies(report).empty());
        report.summary.compared = 6;
        report.summary.matched = 3;
        CHECK(summary_inconsistencies(report) ==
              std::vector<std::string>{"summary.compared (6) + summary.skipped (1) + "
                                       "summary.candidate_unavailable (0) > summary.requests (6)"});
    }
}

TEST_CASE("a report file with a key given twice is refused", "[report_model]") {
    const std::string text = nlohmann::ordered_json(full_report()).dump();
    const auto file = temporary_file("report.json", "{\"schema_version\": 2, " + text.substr(1));
    CHECK_THROWS_WITH(
        load_report(file),
        file.string() + ": schema_version: key given twice in one object (JSON would keep only the last)");
}
