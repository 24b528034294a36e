#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <span>
#include <vector>

namespace parity::stats {

/// A point estimate with a confidence interval [low, high] at `level` (e.g. 0.95).
struct Interval {
    double estimate = 0.0;
    double low = 0.0;
    double high = 0.0;
    double level = 0.0;

    [[nodiscard]] bool contains(double value) const noexcept {
        return low <= value && value <= high;
    }
    friend bool operator==(const Interval&, const Interval&) = default;
};

struct BootstrapOptions {
    std::size_t resamples = 2000;
    double level = 0.95;
    std::uint64_t seed = 42;
};

using Statistic = std::function<double(std::span<const double>)>;
using PairedStatistic = std::function<double(std::span<const double>, std::span<const double>)>;
/// Several statistics computed together, sharing work (e.g. one selection pass for p50, p95, p99).
/// Must return the same number of values for every resample.
using MultiStatistic = std::function<std::vector<double>(std::span<const double>)>;
using PairedMultiStatistic =
    std::function<std::vector<double>(std::span<const double>, std::span<const double>)>;

/// Percentile bootstrap (Efron): the statistic on `samples` as the estimate, and the
/// (1 - level) / 2 and (1 + level) / 2 percentiles (type 7, see percentile()) of the statistic over
/// `resamples` resamples drawn with replacement. Resamples come from Xoshiro256StarStar(seed) and
/// uniform_index(), so a seed gives the same interval bit for bit on every platform.
/// The statistic sees each resample in draw order (unsorted) and must not return NaN.
///
///     const auto ci = bootstrap_interval(latencies, [](auto s) { return percentile_of_unsorted(s, 95); });
///
/// Throws std::invalid_argument for empty samples, resamples == 0, level outside (0, 1) or a NaN
/// statistic.
[[nodiscard]] Interval bootstrap_interval(std::span<const double> samples, const Statistic& statistic,
                                          BootstrapOptions options = {});

/// One interval per value of a multi-valued statistic, over the same resamples (one pass, shared
/// draws): element i equals bootstrap_interval() of the statistic's i-th value, bit for bit.
///
///     bootstrap_intervals(latencies, [](auto s) { return percentiles_of_unsorted(s, {50, 95, 99}); })
[[nodiscard]] std::vector<Interval> bootstrap_intervals(std::span<const double> samples,
                                                        const MultiStatistic& statistic,
                                                        BootstrapOptions options = {});

/// Paired percentile bootstrap: each resample draws request indices with replacement and takes
/// a[i] and b[i] together, so per-request correlation (a slow request is slow on both paths) is
/// kept. E.g. speedup at p95 = p95(reference) / p95(candidate) with its interval.
/// Throws std::invalid_argument as bootstrap_interval(), or when a and b differ in length.
[[nodiscard]] Interval paired_bootstrap_interval(std::span<const double> a, std::span<const double> b,
                                                 const PairedStatistic& statistic,
                                                 BootstrapOptions options = {});

/// One interval per value of a multi-valued paired statistic, over the same resamples: element i
/// equals paired_bootstrap_interval() of the statistic's i-th value, bit for bit.
[[nodiscard]] std::vector<Interval> paired_bootstrap_intervals(std::span<const double> a,
                                                               std::span<const double> b,
                                                               const PairedMultiStatistic& statistic,
                                                               BootstrapOptions options = {});

}  // namespace parity::stats
