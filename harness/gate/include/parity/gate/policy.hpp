#pragma once

#include <nlohmann/json.hpp>

#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>

namespace parity::gate {

/// A policy file is unusable: the message names the file and the key.
class PolicyError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// The rollout target written down before the port (ci/gate-policy.json). Every key is optional; an
/// absent key is not checked, except the evidence criteria, which have defaults (at least one compared
/// request, a complete corpus), and max_reference_drift_rate (0 whenever the report checked recorded
/// outcomes). Key names are the portable ones of docs/gate.md.
///
///     {"max_mismatch_rate": 0, "min_speedup_p50": 20, "min_requests": 200}
struct Policy {
    std::optional<double> max_mismatch_rate;        // mismatched / compared
    std::optional<bool> require_error_parity;       // no error_vs_value / error_type / error_message
    std::optional<double> max_crashes;              // crashes + unusable candidate
    std::optional<double> max_timeouts;
    std::optional<double> candidate_p50_ms_max;     // upper confidence bound of the candidate's p50
    std::optional<double> candidate_p95_ms_max;
    std::optional<double> candidate_p99_ms_max;
    std::optional<double> min_speedup_p50;          // lower confidence bound of p50(reference) / p50(candidate)
    std::optional<double> min_speedup_p95;
    std::optional<double> min_speedup_p99;
    std::optional<double> max_rss_growth_mb;        // the candidate's RSS growth over the timed runs
    // Against the baseline (replay --baseline): the upper confidence bound of percentile(candidate) /
    // percentile(baseline), e.g. 1.05; a threshold finer than the run's minimum detectable slowdown is
    // undecided. require_baseline_parity: no request where the candidate's outcome differs from the
    // baseline's (or the baseline crashed or timed out).
    std::optional<double> max_slowdown_vs_baseline_p50;
    std::optional<double> max_slowdown_vs_baseline_p95;
    std::optional<double> max_slowdown_vs_baseline_p99;
    std::optional<bool> require_baseline_parity;
    double min_requests = 1;  // compared requests, below which nothing is decided (>= 1)
    bool require_stable_host = true;                // a busy host makes performance undecidable
    /// Requests whose replayed reference differs from the recorded outcome ÷ requests checked against a
    /// recording. Absent: 0 whenever the report checked any recorded outcome.
    std::optional<double> max_reference_drift_rate;
    bool require_complete_corpus = true;  // a corpus known to be partial (corpus.complete) is undecided

    static Policy parse(const nlohmann::json& document, const std::string& source);
    /// Reads a policy file; a duplicate key or a number out of range is a PolicyError naming the key.
    static Policy load(const std::filesystem::path& file);
};

}  // namespace parity::gate
