#pragma once

// One view of a run's latency for every report file, from report.json's "latency" section when
// the replay measured it, else computed from results.jsonl's per-request times (no warm-up
// discarded, no intervals), else nothing ("not measured").

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "parity/reports/report_inputs.hpp"

namespace parity::reports::detail {

/// A statistic with its confidence interval when one was computed.
struct Estimate {
    double value = 0;
    std::optional<double> low;
    std::optional<double> high;
};

/// Latency of one path ("reference", "candidate" or "baseline"), wall time unless named cpu.
struct PathLatency {
    std::string name;
    std::uint64_t count = 0;
    std::optional<Estimate> p50;
    std::optional<Estimate> p95;
    std::optional<Estimate> p99;
    std::optional<double> min;
    std::optional<double> max;
    std::optional<double> mean;
    std::optional<double> cpu_p50;
    std::optional<double> cpu_p95;
    std::optional<double> cpu_p99;
    std::optional<double> cpu_mean;
};

/// Where the numbers came from.
enum class LatencySource { replay_measurement, results_timings, not_measured };

struct LatencyView {
    LatencySource source = LatencySource::not_measured;
    std::vector<PathLatency> paths;       ///< reference, candidate, then baseline; only paths with numbers
    std::optional<Estimate> speedup_p50;  ///< reference time / candidate time
    std::optional<Estimate> speedup_p95;
    std::optional<Estimate> speedup_p99;
    std::optional<Estimate> speedup_per_request_median;
    /// With --baseline: candidate time / baseline time, above 1 when the candidate is slower.
    std::optional<Estimate> vs_baseline_p50;
    std::optional<Estimate> vs_baseline_p95;
    std::optional<Estimate> vs_baseline_p99;
    std::optional<Estimate> vs_baseline_per_request_median;
    /// "This run could detect a slowdown of the candidate of 3.1% at p50, …" or "" when not computed.
    std::string detectable_slowdown;
    std::string significance;  ///< "p = 0.0012 (wilcoxon signed-rank, n = 191)" or ""
    std::string method;        ///< warm-up, repeats and timer overhead, or the fallback's caveat
    std::vector<std::string> warnings;

    bool has_vs_baseline() const {
        return vs_baseline_p50 || vs_baseline_p95 || vs_baseline_p99;
    }
};

LatencyView latency_view(const ReportInputs& inputs);

/// Per-request wall-time ratios reference / candidate, for requests where both paths ran.
std::vector<double> per_request_speedups(const ReportInputs& inputs);

/// Per-request wall-time ratios candidate / baseline, for requests where both paths ran.
std::vector<double> per_request_vs_baseline(const ReportInputs& inputs);

}  // namespace parity::reports::detail
