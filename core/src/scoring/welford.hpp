#pragma once

// Running mean and sum of squared deviations of all prior amounts (docs/scoring.md section 3), with the
// reference's exact operation order, and the amount_z feature computed from them (section 4, feature 1).

#include <algorithm>
#include <cmath>
#include <cstdint>

namespace parity::scoring::detail {

inline constexpr double amount_z_bound = 50.0;

struct Welford {
    std::int64_t n = 0;
    double mean = 0.0;
    double m2 = 0.0;

    void add(double x) {
        n = n + 1;
        const double delta = x - mean;
        mean = mean + delta / static_cast<double>(n);
        m2 = m2 + delta * (x - mean);
    }

    /// The z-score of `amount` against the amounts added so far, 0.0 when undefined, clamped to +-50.
    /// std::max(z, -50.0) and std::min(.., 50.0) pick as Python's max(z, -50.0) and min(.., 50.0) do
    /// for every non-NaN z (NaN is turned into 0.0 before).
    [[nodiscard]] double z_score(double amount) const {
        if (n < 2) {
            return 0.0;
        }
        const double variance = m2 / static_cast<double>(n - 1);
        if (variance <= 0.0) {
            return 0.0;
        }
        const double z = (amount - mean) / std::sqrt(variance);
        if (std::isnan(z)) {
            return 0.0;
        }
        return std::min(std::max(z, -amount_z_bound), amount_z_bound);
    }
};

}  // namespace parity::scoring::detail
