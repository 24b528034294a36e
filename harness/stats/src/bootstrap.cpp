#include "parity/stats/bootstrap.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

#include "parity/stats/percentiles.hpp"
#include "parity/stats/random.hpp"

namespace parity::stats {
namespace {

constexpr double percent = 100.0;

void check_options(const BootstrapOptions& options) {
    if (options.resamples == 0) {
        throw std::invalid_argument("bootstrap needs at least one resample");
    }
    if (!(options.level > 0.0 && options.level < 1.0)) {
        throw std::invalid_argument("bootstrap confidence level must be in (0, 1), got " +
                                    std::to_string(options.level));
    }
}

Interval percentile_interval(double estimate, std::vector<double>& replicates, double level) {
    std::sort(replicates.begin(), replicates.end());
    const double tail = (1.0 - level) / 2.0;
    return {estimate, percentile(replicates, tail * percent), percentile(replicates, (1.0 - tail) * percent),
            level};
}

/// A statistic's values on one (re)sample: as many as on the original sample, none NaN.
void check_values(const std::vector<double>& values, std::size_t expected_count) {
    if (values.size() != expected_count) {
        throw std::invalid_argument("bootstrap statistic returned " + std::to_string(values.size()) +
                                    " values on a resample, " + std::to_string(expected_count) +
                                    " on the sample");
    }
    if (std::any_of(values.begin(), values.end(), [](double value) { return std::isnan(value); })) {
        throw std::invalid_argument("bootstrap statistic returned NaN");
    }
}

/// The shared loop: `draw(generator)` fills the resample buffers and `evaluate()` computes the
/// statistic's values on them. Replicates are kept per value so every interval sees the same draws.
template <typename Draw, typename Evaluate>
std::vector<Interval> run_bootstrap(const std::vector<double>& estimates, const BootstrapOptions& options,
                                    Draw draw, Evaluate evaluate) {
    std::vector<std::vector<double>> replicates(estimates.size());
    for (auto& replicate : replicates) {
        replicate.reserve(options.resamples);
    }
    Xoshiro256StarStar generator(options.seed);
    for (std::size_t resample = 0; resample < options.resamples; ++resample) {
        draw(generator);
        const auto values = evaluate();
        check_values(values, estimates.size());
        for (std::size_t k = 0; k < values.size(); ++k) {
            replicates[k].push_back(values[k]);
        }
    }
    std::vector<Interval> intervals;
    intervals.reserve(estimates.size());
    for (std::size_t k = 0; k < estimates.size(); ++k) {
        intervals.push_back(percentile_interval(estimates[k], replicates[k], options.level));
    }
    return intervals;
}

}  // namespace

std::vector<Interval> bootstrap_intervals(std::span<const double> samples, const MultiStatistic& statistic,
                                          BootstrapOptions options) {
    if (samples.empty()) {
        throw std::invalid_argument("bootstrap of an empty sample");
    }
    check_options(options);
    const auto estimates = statistic(samples);
    check_values(estimates, estimates.size());
    std::vector<double> resample(samples.size());
    return run_bootstrap(
        estimates, options,
        [&](Xoshiro256StarStar& generator) {
            for (auto& value : resample) {
                value = samples[uniform_index(generator, samples.size())];
            }
        },
        [&] { return statistic(resample); });
}

Interval bootstrap_interval(std::span<const double> samples, const Statistic& statistic,
                            BootstrapOptions options) {
    const auto single = [&](std::span<const double> resample) {
        return std::vector<double>{statistic(resample)};
    };
    return bootstrap_intervals(samples, single, options).front();
}

std::vector<Interval> paired_bootstrap_intervals(std::span<const double> a, std::span<const double> b,
                                                 const PairedMultiStatistic& statistic,
                                                 BootstrapOptions options) {
    if (a.size() != b.size()) {
        throw std::invalid_argument("paired bootstrap needs samples of equal length, got " +
                                    std::to_string(a.size()) + " and " + std::to_string(b.size()));
    }
    if (a.empty()) {
        throw std::invalid_argument("bootstrap of an empty sample");
    }
    check_options(options);
    const auto estimates = statistic(a, b);
    check_values(estimates, estimates.size());
    std::vector<double> resample_a(a.size());
    std::vector<double> resample_b(b.size());
    return run_bootstrap(
        estimates, options,
        [&](Xoshiro256StarStar& generator) {
            for (std::size_t i = 0; i < resample_a.size(); ++i) {
                const auto drawn = uniform_index(generator, a.size());
                resample_a[i] = a[drawn];
                resample_b[i] = b[drawn];
            }
        },
        [&] { return statistic(resample_a, resample_b); });
}

Interval paired_bootstrap_interval(std::span<const double> a, std::span<const double> b,
                                   const PairedStatistic& statistic, BootstrapOptions options) {
    const auto single = [&](std::span<const double> resample_a, std::span<const double> resample_b) {
        return std::vector<double>{statistic(resample_a, resample_b)};
    };
    return paired_bootstrap_intervals(a, b, single, options).front();
}

}  // namespace parity::stats
