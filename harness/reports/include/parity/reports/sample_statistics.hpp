#pragma once

#include <cstddef>
#include <vector>

namespace parity::reports {

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
