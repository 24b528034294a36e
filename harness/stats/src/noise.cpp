#include "parity/stats/noise.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

#include "parity/stats/percentiles.hpp"

namespace parity::stats {
namespace {

constexpr double p50 = 50.0;

void check_latencies(std::span<const double> samples, const char* which) {
    const auto bad =
        std::find_if(samples.begin(), samples.end(), [](double x) { return !(std::isfinite(x) && x > 0); });
    if (bad != samples.end()) {
        throw std::invalid_argument(std::string(which) + " latencies must be finite and > 0, got " +
                                    std::to_string(*bad));
    }
}

}  // namespace

double coefficient_of_variation(std::span<const double> samples) {
    const double average = mean(samples);
    if (average == 0.0) {
        throw std::invalid_argument("coefficient of variation of a sample with mean 0");
    }
    return sample_stddev(samples) / average;
}

NoiseFloor noise_floor(std::span<const double> reference, std::span<const double> candidate,
                       BootstrapOptions options) {
    check_latencies(reference, "reference");
    check_latencies(candidate, "candidate");
    // Same statistic as SpeedupReport::p50, so the floor and a real run's speedup compare directly.
    const auto median_ratio = [](std::span<const double> a, std::span<const double> b) {
        return percentile_of_unsorted(a, p50) / percentile_of_unsorted(b, p50);
    };
    NoiseFloor floor;
    floor.median_ratio_interval = paired_bootstrap_interval(reference, candidate, median_ratio, options);
    floor.median_ratio = floor.median_ratio_interval.estimate;
    floor.cv_reference = coefficient_of_variation(reference);
    floor.cv_candidate = coefficient_of_variation(candidate);
    return floor;
}

}  // namespace parity::stats
