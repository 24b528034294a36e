#pragma once

#include <span>

#include "parity/stats/bootstrap.hpp"

namespace parity::stats {

/// Sample standard deviation over mean: the run-to-run spread of one path's latencies.
///
///     coefficient_of_variation({2, 4, 4, 4, 5, 5, 7, 9}) == sqrt(32 / 7) / 5
///
/// Throws std::invalid_argument for an empty sample or a zero mean.
[[nodiscard]] double coefficient_of_variation(std::span<const double> samples);

/// What an A/A comparison (the same code measured twice, paired per request) reports as a speedup:
/// any real speedup must clear this. The ratio is median(reference) / median(candidate), the same
/// definition as SpeedupReport::p50, with its paired bootstrap interval.
struct NoiseFloor {
    double median_ratio = 1.0;
    Interval median_ratio_interval;
    double cv_reference = 0.0;
    double cv_candidate = 0.0;
};

/// Throws std::invalid_argument as paired_speedup() does.
///
///     const auto floor = noise_floor(run_a_ns, run_b_ns);
///     // e.g. median_ratio 1.004 in [0.991, 1.017]: differences under ~2 % are noise
[[nodiscard]] NoiseFloor noise_floor(std::span<const double> reference, std::span<const double> candidate,
                                     BootstrapOptions options = {});

}  // namespace parity::stats
