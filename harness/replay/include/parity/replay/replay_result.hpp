#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "parity/replay/field_aggregator.hpp"
#include "parity/replay/limit_hits.hpp"
#include "parity/replay/manifest.hpp"
#include "parity/replay/replay_options.hpp"
#include "parity/replay/report_baseline.hpp"
#include "parity/replay/report_environment.hpp"
#include "parity/replay/report_latency.hpp"
#include "parity/replay/report_memory.hpp"
#include "parity/replay/report_outcomes.hpp"
#include "parity/replay/report_recorded.hpp"
#include "parity/replay/report_stages.hpp"
#include "parity/replay/report_summary.hpp"

namespace parity::replay {

/// Everything a finished replay knows; report_writer turns it into report.json's model.
/// With --baseline: the candidate against the baseline (report.json's "baseline").
struct BaselineResult {
    std::string adapter;
    std::vector<std::string> python_path;  // absolute
    BaselineSummary summary;
    std::vector<FieldStats> fields;  // candidate vs baseline, noise left out, most requests first
    std::vector<std::string> problems;
    std::vector<std::string> requests_with_differences;  // sorted
};

struct ReplayResult {
    ReplayOptions options;
    Manifest manifest;
    std::string reference;  // adapters actually used
    std::string candidate;
    int noise_runs = 0;
    std::string started;  // ISO-8601 UTC
    std::string finished;
    double duration_s = 0;
    Summary summary;
    std::string corpus_digest;                       // report.json's corpus.digest
    std::vector<std::string> corpus_problems;        // corpus.problems: the corpus is incomplete
    std::vector<FieldStats> fields;                  // port differences, most requests first
    std::vector<FieldStats> nondeterministic;        // patterns that differed between reference runs
    std::vector<FieldStats> noisy_candidate_fields;  // candidate differences at those patterns (not counted)
    std::vector<OutcomeRecord> outcomes;             // crashes, timeouts, unavailable, skipped (capped)
    std::uint64_t outcomes_not_listed = 0;
    std::vector<std::string> requests_with_differences;
    std::vector<std::string> fixture_problems;
    std::vector<std::string> adapter_problems;
    std::filesystem::path out;
    Latency latency;  // docs/latency.md
    Memory memory;
    std::optional<Stages> stages;  // where the time goes, when the adapters report stages
    Environment environment;
    std::vector<std::string> warnings;  // about the host and the samples
    LimitHits limit_hits;               // how often each cap of the options was hit
    std::optional<BaselineResult> baseline;

    // The replayed outcomes against the recorded ones (report.json's "recorded").
    std::vector<FieldStats> reference_drift;        // replayed reference vs recorded outcome, noise left out
    std::vector<FieldStats> candidate_vs_recorded;  // replayed candidate vs recorded outcome
    std::vector<RecordedIgnore> recorded_ignored;   // redacted paths not compared with the recording
};

}  // namespace parity::replay
