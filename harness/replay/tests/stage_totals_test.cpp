#include <catch2/catch.hpp>

#include "parity/replay/latency_recorder.hpp"
#include "parity/replay/stage_totals.hpp"

using namespace parity::replay;
using parity::workers::PathResult;
using parity::workers::StageTime;

namespace {

constexpr std::int64_t ms = 1'000'000;  // nanoseconds

bool mentions(const std::vector<std::string>& warnings, const std::string& text) {
    for (const auto& warning : warnings) {
        if (warning.find(text) != std::string::npos)
            return true;
    }
    return false;
}

PathResult run(std::int64_t wall_ns, std::vector<StageTime> stages, std::int64_t process_cpu_ns = 0) {
    PathResult path;
    path.status = parity::workers::PathStatus::ok;
    path.wall_ns = wall_ns;
    path.cpu_ns = wall_ns / 10;  // a thread that mostly waited
    path.process_cpu_ns = process_cpu_ns;
    path.stages = std::move(stages);
    return path;
}

}  // namespace

TEST_CASE("stage seconds are summed per name in the order first seen, with shares of the summed wall time",
          "[stages]") {
    StageTotals totals;
    totals.add(10 * ms, {{"parse", 0.001}, {"kernel", 0.006}});
    totals.add(30 * ms, {});  // a run without stages: its wall time is outside them
    totals.add(20 * ms, {{"serialise", 0.002}, {"kernel", 0.010}, {"parse", 0.003}});
    const PathStages path = totals.report();
    CHECK(path.runs == 3);
    CHECK(path.runs_with_stages == 2);
    CHECK(path.wall_s == Approx(0.060));
    REQUIRE(path.stages.size() == 3);
    CHECK(path.stages[0].name == "parse");
    CHECK(path.stages[0].seconds == Approx(0.004));
    CHECK(path.stages[0].runs == 2);
    CHECK(path.stages[1].name == "kernel");
    CHECK(path.stages[1].seconds == Approx(0.016));
    CHECK(path.stages[1].share == Approx(0.016 / 0.060));
    CHECK(path.stages[2].name == "serialise");
    CHECK(path.stages[2].runs == 1);
    CHECK(path.outside_s == Approx(0.060 - 0.022));
    CHECK(path.outside_share == Approx(0.038 / 0.060));
}

TEST_CASE("no stages on either path: no section", "[stages]") {
    StageTotals reference, candidate;
    reference.add(10 * ms, {});
    candidate.add(5 * ms, {});
    std::vector<std::string> warnings;
    CHECK_FALSE(stages_report(reference, candidate, std::nullopt, warnings));
    CHECK(warnings.empty());
    CHECK_FALSE(stages_report(reference, candidate, std::string("kernel"), warnings));
    CHECK(mentions(warnings, "--ported-stage kernel: no timed run of either path reported stages"));
}

TEST_CASE("a ported stage: the reference's share, the Amdahl bound, the stage's and the whole call's speedup",
          "[stages]") {
    StageTotals reference, candidate;
    // Reference: 100 ms of wall time, 60 of them in the kernel; candidate: the kernel 10x faster.
    reference.add(40 * ms, {{"parse", 0.010}, {"kernel", 0.020}});
    reference.add(60 * ms, {{"parse", 0.010}, {"kernel", 0.040}});
    candidate.add(25 * ms, {{"parse", 0.010}, {"kernel", 0.002}});
    candidate.add(25 * ms, {{"parse", 0.010}, {"kernel", 0.004}});
    std::vector<std::string> warnings;
    const auto stages = stages_report(reference, candidate, std::string("kernel"), warnings);
    REQUIRE(stages);
    CHECK(warnings.empty());
    REQUIRE(stages->ported);
    const PortedStage& ported = *stages->ported;
    CHECK(ported.name == "kernel");
    CHECK(ported.reference_share == Approx(0.6));
    CHECK(*ported.amdahl_bound == Approx(2.5));  // 1 / (1 - 0.6)
    CHECK(*ported.stage_speedup == Approx(10.0));
    CHECK(ported.whole_speedup == Approx(2.0));  // 100 ms / 50 ms
    CHECK(ported.candidate_outside_share == Approx(1.0 - 0.006 / 0.050));
    CHECK(stages->candidate.outside_s == Approx(0.050 - 0.026));
}

TEST_CASE("a ported stage that one path never reported: a warning, no bound", "[stages]") {
    StageTotals reference, candidate;
    reference.add(10 * ms, {{"parse", 0.001}, {"kernel", 0.005}});
    candidate.add(10 * ms, {{"parse", 0.001}});
    std::vector<std::string> warnings;
    const auto stages = stages_report(reference, candidate, std::string("kernel"), warnings);
    REQUIRE(stages);
    CHECK_FALSE(stages->ported);
    CHECK(mentions(warnings,
                   "--ported-stage kernel: no timed run of the candidate path reported that stage "
                   "(its stages: parse)"));
}

TEST_CASE(
    "stages adding up to more than the wall time are warned about, and a stage of the whole time is "
    "unbounded",
    "[stages]") {
    StageTotals reference, candidate;
    reference.add(10 * ms, {{"kernel", 0.012}});
    candidate.add(10 * ms, {{"kernel", 0.0}});
    std::vector<std::string> warnings;
    const auto stages = stages_report(reference, candidate, std::string("kernel"), warnings);
    REQUIRE(stages);
    CHECK(stages->reference.outside_s == Approx(-0.002));
    CHECK(mentions(warnings,
                   "the reference adapter's stages add up to 0.012 s, more than its wall time 0.01 s"));
    REQUIRE(stages->ported);
    CHECK_FALSE(stages->ported->amdahl_bound);
    CHECK_FALSE(stages->ported->stage_speedup);  // the candidate's stage took 0 s
    CHECK(mentions(warnings, "the Amdahl bound is unbounded"));
}

TEST_CASE("the latency recorder sums stages over the timed runs only, and judges the host by process CPU",
          "[stages]") {
    LatencyOptions options;
    options.warmup_per_worker = 1;
    LatencyRecorder recorder(options);
    // The warm-up job is left out of the stages as it is of the latency samples.
    CHECK_FALSE(recorder.add(0, run(50 * ms, {{"kernel", 0.04}}, 50 * ms), run(5 * ms, {{"kernel", 0.001}})));
    CHECK(recorder.add(0, run(10 * ms, {{"kernel", 0.005}}, 10 * ms), run(5 * ms, {{"kernel", 0.001}})));
    CHECK(recorder.add(0, run(10 * ms, {{"kernel", 0.005}}, 9 * ms), run(5 * ms, {{"kernel", 0.001}})));
    std::vector<std::string> warnings;
    const auto stages = recorder.stages(std::string("kernel"), warnings);
    REQUIRE(stages);
    CHECK(stages->reference.runs == 2);
    CHECK(stages->reference.stages.at(0).seconds == Approx(0.010));
    CHECK(stages->ported->reference_share == Approx(0.5));
    CHECK(stages->ported->stage_speedup == Approx(5.0));
    // The thread's CPU time is a tenth of the wall time; the process's ~95 %: a quiet host.
    CHECK(recorder.reference_cpu_share() == Approx(0.95));
}

TEST_CASE("stages() problems are counted per message, the first few listed", "[stages]") {
    StageProblems problems;
    problems.add("reference adapter m:a: stages() returned 'x' (str) for the key 'kernel'");
    problems.add("reference adapter m:a: stages() returned 'x' (str) for the key 'kernel'");
    for (int i = 0; i < 7; ++i)
        problems.add("candidate adapter m:b: stages() returned -" + std::to_string(i) + " for the key 'k'");
    const auto warnings = problems.warnings();
    REQUIRE(warnings.size() == 6);  // 5 listed, then one line for the rest
    CHECK(
        warnings[0] ==
        "reference adapter m:a: stages() returned 'x' (str) for the key 'kernel' (2 runs; the stages of such "
        "runs are left out of report.json's \"stages\")");
    CHECK(warnings[1].find("(1 run;") != std::string::npos);
    CHECK(warnings[5] == "3 more runs whose stages() returned something unusable, with other messages");
}
