#include "parity/stats/speedup.hpp"

#include <cmath>
#include <stdexcept>
#include <string>
#include <vector>

namespace parity::stats {
namespace {

// The percentiles a speedup reports, in SpeedupReport / LatencyIntervals order.
constexpr double reported_percentiles[] = {50.0, 95.0, 99.0};
constexpr double p50 = 50.0;

void check_latencies(std::span<const double> samples, const char* which) {
    for (std::size_t i = 0; i < samples.size(); ++i) {
        if (!(std::isfinite(samples[i]) && samples[i] > 0.0)) {
            throw std::invalid_argument(std::string(which) + " latency " + std::to_string(i) +
                                        " must be finite and > 0, got " + std::to_string(samples[i]));
        }
    }
}

std::vector<double> per_request_ratios(std::span<const double> reference, std::span<const double> candidate) {
    std::vector<double> ratios(reference.size());
    for (std::size_t i = 0; i < ratios.size(); ++i) {
        ratios[i] = reference[i] / candidate[i];
    }
    return ratios;
}

/// On one (re)sample of requests: the ratios of the paths' p50, p95 and p99, then the median of
/// the per-request ratios. One pass, so every interval comes from the same draws.
std::vector<double> speedup_statistics(std::span<const double> reference, std::span<const double> candidate) {
    const auto reference_at = percentiles_of_unsorted(reference, reported_percentiles);
    const auto candidate_at = percentiles_of_unsorted(candidate, reported_percentiles);
    std::vector<double> values;
    for (std::size_t k = 0; k < reference_at.size(); ++k) {
        values.push_back(reference_at[k] / candidate_at[k]);
    }
    values.push_back(percentile_of_unsorted(per_request_ratios(reference, candidate), p50));
    return values;
}

}  // namespace

SpeedupReport paired_speedup(std::span<const double> reference, std::span<const double> candidate,
                             BootstrapOptions options) {
    if (reference.size() != candidate.size()) {
        throw std::invalid_argument("paired speedup needs as many reference as candidate latencies, got " +
                                    std::to_string(reference.size()) + " and " +
                                    std::to_string(candidate.size()));
    }
    if (reference.empty()) {
        throw std::invalid_argument("paired speedup of no requests");
    }
    check_latencies(reference, "reference");
    check_latencies(candidate, "candidate");

    const auto intervals = paired_bootstrap_intervals(reference, candidate, speedup_statistics, options);
    SpeedupReport report;
    report.p50 = intervals[0];
    report.p95 = intervals[1];
    report.p99 = intervals[2];
    report.per_request_median = intervals[3];
    report.per_request = summarize(per_request_ratios(reference, candidate));
    return report;
}

LatencyIntervals latency_intervals(std::span<const double> samples, BootstrapOptions options) {
    const auto at_percentiles = [](std::span<const double> resample) {
        return percentiles_of_unsorted(resample, reported_percentiles);
    };
    const auto intervals = bootstrap_intervals(samples, at_percentiles, options);
    return {intervals[0], intervals[1], intervals[2]};
}

}  // namespace parity::stats
