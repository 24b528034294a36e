#pragma once

#include <cstdint>
#include <initializer_list>
#include <span>
#include <vector>

namespace parity::stats {

/// The p-th percentile (p in [0, 100]) of `sorted` (ascending), by linear interpolation between the
/// closest ranks: Hyndman & Fan (1996) type 7, the default of numpy.percentile, R's quantile and
/// Excel's PERCENTILE.INC. With h = (n - 1) * p / 100 the result is x[floor(h)] interpolated towards
/// x[floor(h) + 1] by h - floor(h), using numpy's two-sided lerp so results match numpy bit for bit.
///
///     percentile({1, 2, 3, 4}, 50) == 2.5;  percentile({1, 2, 3, 4}, 25) == 1.75
///
/// Throws std::invalid_argument for an empty or unsorted span, a NaN element or p outside [0, 100].
[[nodiscard]] double percentile(std::span<const double> sorted, double p);

/// percentile() of samples in any order, in O(n) (selection instead of a full sort): what bootstrap
/// statistics use on each resample. Same value as percentile() of the sorted copy, bit for bit.
///
///     percentile_of_unsorted({4, 1, 3, 2}, 25) == 1.75
[[nodiscard]] double percentile_of_unsorted(std::span<const double> samples, double p);

/// Several percentiles of samples in any order, in one copy and one chain of selections: what the
/// speedup bootstrap computes for p50, p95 and p99 on each resample. Element i equals
/// percentile_of_unsorted(samples, ps[i]), bit for bit; ps may come in any order.
///
///     percentiles_of_unsorted({4, 1, 3, 2}, {50, 0}) == {2.5, 1}
[[nodiscard]] std::vector<double> percentiles_of_unsorted(std::span<const double> samples,
                                                          std::span<const double> ps);
[[nodiscard]] std::vector<double> percentiles_of_unsorted(std::span<const double> samples,
                                                          std::initializer_list<double> ps);

/// The median as percentile(samples, 50): the mean of the two middle values for an even count.
/// Defined through percentile() so that median(), Summary::p50 and percentile(50) always agree.
///
///     median({1, 2, 3, 4}) == 2.5;  median({3, 1, 2}) == 2
[[nodiscard]] double median(std::vector<double> samples);

/// The usual latency summary of one sample. Percentiles as in percentile(); stddev is the sample
/// standard deviation (divisor n - 1), 0 for a single sample.
struct Summary {
    std::uint64_t count = 0;
    double min = 0.0;
    double p50 = 0.0;
    double p90 = 0.0;
    double p95 = 0.0;
    double p99 = 0.0;
    double p999 = 0.0;
    double max = 0.0;
    double mean = 0.0;
    double stddev = 0.0;
};

/// Summarises `samples` (any order). Throws std::invalid_argument when empty or holding a NaN.
///
///     summarize({2, 4, 4, 4, 5, 5, 7, 9}) -> count 8, mean 5, stddev sqrt(32 / 7), p50 4.5
[[nodiscard]] Summary summarize(std::vector<double> samples);

/// Arithmetic mean and sample standard deviation (n - 1; 0 for n < 2), two-pass for accuracy.
/// Throws std::invalid_argument when empty.
[[nodiscard]] double mean(std::span<const double> samples);
[[nodiscard]] double sample_stddev(std::span<const double> samples);

}  // namespace parity::stats
