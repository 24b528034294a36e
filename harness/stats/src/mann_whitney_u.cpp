#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>
#include <vector>

#include "parity/stats/significance.hpp"
#include "ranks.hpp"

namespace parity::stats {
namespace {

constexpr double continuity_correction = 0.5;
// The exact distribution is tabulated up to degree n1 * n2 / 2; beyond this many cells (8 MB of
// doubles) the normal approximation is used instead, where it is excellent anyway.
constexpr double exact_max_table_size = 1'000'000.0;

/// P(U <= k) under the null hypothesis for samples of sizes m and n: the coefficients of the
/// Gaussian binomial [m + n choose m]_q count the arrangements with each U. Built as the product of
/// (1 - q^(n + i)) / (1 - q^i), i = 1..m, truncated at degree k: coefficients up to k only depend on
/// coefficients up to k, so the truncation is exact.
double exact_cdf(std::size_t m, std::size_t n, std::size_t k) {
    std::vector<double> counts(k + 1, 0.0);
    counts[0] = 1.0;
    double arrangements = 1.0;
    for (std::size_t i = 1; i <= m; ++i) {
        const std::size_t shift = n + i;
        for (std::size_t degree = k; degree >= shift; --degree) {
            counts[degree] -= counts[degree - shift];
        }
        for (std::size_t degree = i; degree <= k; ++degree) {
            counts[degree] += counts[degree - i];
        }
        arrangements = arrangements * static_cast<double>(shift) / static_cast<double>(i);
    }
    double at_most = 0.0;
    for (const double count : counts) {
        at_most += count;
    }
    return at_most / arrangements;
}

}  // namespace

TestResult mann_whitney_u(std::span<const double> x, std::span<const double> y) {
    if (x.empty() || y.empty()) {
        throw std::invalid_argument("Mann-Whitney U test needs two non-empty samples, got " +
                                    std::to_string(x.size()) + " and " + std::to_string(y.size()));
    }
    std::vector<double> pooled(x.begin(), x.end());
    pooled.insert(pooled.end(), y.begin(), y.end());
    const auto ranking = detail::average_ranks(pooled);

    const auto n1 = static_cast<double>(x.size());
    const auto n2 = static_cast<double>(y.size());
    const double n = n1 + n2;
    double rank_sum_x = 0.0;
    for (std::size_t i = 0; i < x.size(); ++i) {
        rank_sum_x += ranking.ranks[i];
    }
    const double u1 = rank_sum_x - n1 * (n1 + 1.0) / 2.0;
    const double u_larger = std::max(u1, n1 * n2 - u1);

    const double mean = n1 * n2 / 2.0;
    const double deviation = std::sqrt(n1 * n2 / 12.0 * ((n + 1.0) - ranking.tie_term / (n * (n - 1.0))));
    const double signed_offset = u1 - mean;
    const double corrected = detail::continuity_corrected(signed_offset);

    TestResult result;
    result.statistic = u1;
    result.z = deviation > 0.0 ? corrected / deviation : 0.0;
    result.n = x.size() + y.size();
    const std::size_t smaller = std::min(x.size(), y.size());
    const std::size_t larger = std::max(x.size(), y.size());
    result.exact = smaller <= mann_whitney_exact_max_smaller_sample && !ranking.has_ties() &&
                   n1 * n2 / 2.0 <= exact_max_table_size;
    if (result.exact) {
        // SciPy: 2 * P(U >= u_larger) = 2 * P(U <= n1 n2 - u_larger), by symmetry.
        const auto lower_tail = static_cast<std::size_t>(n1 * n2 - u_larger);
        result.p_value = std::min(1.0, 2.0 * exact_cdf(smaller, larger, lower_tail));
        result.method = "Mann-Whitney U, exact";
    } else {
        // All values tied: no evidence either way (SciPy gets there through an infinite z).
        const double z_larger = deviation > 0.0 ? (u_larger - mean - continuity_correction) / deviation : 0.0;
        result.p_value = deviation > 0.0 ? std::min(1.0, 2.0 * detail::normal_survival(z_larger)) : 1.0;
        result.method = "Mann-Whitney U, normal approximation with tie and continuity correction";
    }
    return result;
}

}  // namespace parity::stats
