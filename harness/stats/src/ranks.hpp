#pragma once

#include <cstddef>
#include <span>
#include <vector>

namespace parity::stats::detail {

/// Ranks 1..n of `values`, tied values sharing the average of their ranks (scipy.stats.rankdata's
/// "average" method), and the tie correction term sum(t^3 - t) over groups of t equal values.
struct Ranking {
    std::vector<double> ranks;
    double tie_term = 0.0;

    [[nodiscard]] bool has_ties() const noexcept {
        return tie_term != 0.0;
    }
};

/// Throws std::invalid_argument when a value is NaN (no order to rank by).
[[nodiscard]] Ranking average_ranks(std::span<const double> values);

/// `deviation` (a statistic minus its null mean) moved 0.5 towards zero: the continuity correction
/// for an integer-valued statistic, applied as SciPy does (sign(deviation) * 0.5, 0 stays 0).
[[nodiscard]] double continuity_corrected(double deviation);

/// P(Z >= z) for a standard normal Z.
[[nodiscard]] double normal_survival(double z);

}  // namespace parity::stats::detail
