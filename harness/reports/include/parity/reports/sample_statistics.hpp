#pragma once

#include <cstddef>
#include <vector>

namespace parity::reports {

/// The `q` quantile (0..1) of sorted samples, linearly interpolated between closest ranks (the
/// definition numpy uses by default). Empty input gives 0.
///
///     quantile_of_sorted({1, 2, 3, 4}, 0.5) == 2.5
double quantile_of_sorted(const std::vector<double>& sorted, double q);

/// Order statistics of a sample, for reports rendered without a "latency" section.
struct SampleSummary {
    std::size_t count = 0;
    double min = 0;
    double p50 = 0;
    double p95 = 0;
    double p99 = 0;
    double max = 0;
    double mean = 0;
};

/// Summarises samples (any order).
SampleSummary summarize(std::vector<double> samples);

/// A point of an empirical cumulative distribution: the fraction of samples <= value.
struct CdfPoint {
    double value = 0;
    double fraction = 0;
};

/// The empirical CDF of sorted samples with at most `max_points` points: thousands of requests
/// would make an SVG heavy without changing what the eye sees. The minimum and maximum are kept.
std::vector<CdfPoint> downsampled_cdf(const std::vector<double>& sorted, std::size_t max_points);

/// Counts per bin of `bins` bins spaced evenly in log10 between `low` and `high` (both > 0);
/// values outside are counted in the first or last bin.
std::vector<std::size_t> log_histogram(const std::vector<double>& samples, double low, double high,
                                       std::size_t bins);

}  // namespace parity::reports
