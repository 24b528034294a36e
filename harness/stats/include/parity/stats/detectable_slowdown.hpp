#pragma once

#include "parity/stats/bootstrap.hpp"

namespace parity::stats {

/// The standard normal distribution's quantile: normal_quantile(0.975) = 1.95996. Precondition
/// 0 < p < 1, else std::invalid_argument.
[[nodiscard]] double normal_quantile(double p);

/// The smallest slowdown (0.04: 4 % slower) a run tells from no slowdown, given the bootstrap interval
/// of a ratio of its timings (either way up) at the interval's level: the ratio's log has the standard
/// error se = ln(high / low) / (2 z), z = normal_quantile((1 + level) / 2), and a slowdown s is told
/// apart when ln(1 + s) >= (z + z_power) se, z_power = normal_quantile(power). So a run whose true ratio
/// is 1 keeps its interval's far bound within a threshold of 1 + s with probability `power`, and a run
/// slower by s has its near bound beyond 1 with the same probability (docs/latency.md).
///
///     minimum_detectable_slowdown({1.0, 0.98, 1.02, 0.95})  // ≈ 0.037: ± 2 % of noise hides 3.7 %
///
/// 0 for a degenerate interval (low == high); std::invalid_argument unless 0 < low <= high and
/// 0 < level < 1 and 0 < power < 1.
[[nodiscard]] double minimum_detectable_slowdown(const Interval& ratio, double power = 0.95);

}  // namespace parity::stats
