#pragma once

#include <span>

#include "parity/stats/bootstrap.hpp"
#include "parity/stats/percentiles.hpp"

namespace parity::stats {

/// How much faster the candidate is than the reference, from paired per-request latencies
/// (reference[i] and candidate[i] measured on the same request i). Ratios are reference / candidate:
/// 2.0 means the candidate takes half the time, below 1.0 means it is slower.
struct SpeedupReport {
    /// percentile(reference) / percentile(candidate), with paired bootstrap intervals (shared draws).
    Interval p50;
    Interval p95;
    Interval p99;
    /// The median of the per-request ratios reference[i] / candidate[i], with a bootstrap interval
    /// over the same resampled requests as p50..p99 (so the same as bootstrapping the ratios).
    Interval per_request_median;
    /// The distribution of the per-request ratios.
    Summary per_request;
};

/// Speedups at p50/p95/p99 and per request.
///
///     const auto report = paired_speedup(reference_ns, candidate_ns);
///     if (report.p95.low > 1.0) { /* faster at p95, with 95 % confidence */ }
///
/// Throws std::invalid_argument unless both spans are non-empty, of equal length, and hold finite
/// latencies > 0 (a ratio needs a positive denominator).
[[nodiscard]] SpeedupReport paired_speedup(std::span<const double> reference,
                                           std::span<const double> candidate, BootstrapOptions options = {});

/// p50, p95 and p99 of one path's latencies with percentile-bootstrap intervals (shared draws).
struct LatencyIntervals {
    Interval p50;
    Interval p95;
    Interval p99;
};

/// Throws std::invalid_argument for empty samples or invalid options.
///
///     latency_intervals(candidate_ns).p99.high  // p99 is below this, with 95 % confidence
[[nodiscard]] LatencyIntervals latency_intervals(std::span<const double> samples,
                                                 BootstrapOptions options = {});

}  // namespace parity::stats
