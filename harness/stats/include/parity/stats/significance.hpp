#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string>

namespace parity::stats {

/// The outcome of a two-sided rank test.
struct TestResult {
    double statistic = 0.0;  // as SciPy reports it: Wilcoxon's T = min(R+, R-), Mann-Whitney's U of x
    /// Normal-approximation z (tie- and continuity-corrected), signed: > 0 when x tends to exceed y.
    /// |z| is SciPy's zstatistic. Computed even when the p-value is exact, as an effect direction.
    double z = 0.0;
    double p_value = 1.0;
    std::size_t n = 0;   // pairs used (Wilcoxon, after dropping zero differences); n1 + n2 (Mann-Whitney)
    bool exact = false;  // p-value from the exact permutation distribution rather than the normal one
    std::string method;
};

/// Largest number of non-zero differences for which the Wilcoxon p-value is exact.
constexpr std::size_t wilcoxon_exact_max_pairs = 25;
/// Mann-Whitney's p-value is exact when the smaller sample has at most this many values (SciPy's rule).
constexpr std::size_t mann_whitney_exact_max_smaller_sample = 8;

/// Wilcoxon signed-rank test of the paired differences x[i] - y[i], two-sided.
/// Conventions (SciPy's wilcoxon(x, y, zero_method="wilcox", correction=True)):
///  - zero differences are dropped and n counts the rest (Wilcoxon's original method);
///  - |differences| get average ranks when tied; statistic T = min(R+, R-);
///  - exact p-value, 2 * min(P(R+ <= r+), P(R+ >= r+)) capped at 1 under the permutation
///    distribution, when n <= 25 and there are neither ties nor zeros (SciPy also switches to the
///    normal approximation when there are zeros);
///  - otherwise the normal approximation with mean n(n+1)/4, variance n(n+1)(2n+1)/24 minus
///    sum(t^3 - t)/48 over tie groups, and a continuity correction of 0.5 towards the mean.
/// Matches SciPy's method="exact" / method="approx" respectively (SciPy 1.10's "auto" differs).
///
///     wilcoxon_signed_rank(before, after).p_value < 0.05  // the paths differ
///
/// Throws std::invalid_argument when x and y differ in length or every difference is zero/empty.
[[nodiscard]] TestResult wilcoxon_signed_rank(std::span<const double> x, std::span<const double> y);

/// Mann-Whitney U test of independent samples x and y, two-sided.
/// Conventions (SciPy's mannwhitneyu(x, y, use_continuity=True, alternative="two-sided")):
///  - average ranks of the pooled sample; statistic U = R1 - n1(n1+1)/2, the U of x;
///  - exact p-value, 2 * P(U >= max(U1, U2)) capped at 1, when there are no ties and the smaller
///    sample has at most 8 values (SciPy's method="auto" rule);
///  - otherwise the normal approximation with mean n1 n2 / 2, variance
///    n1 n2 / 12 * ((n + 1) - sum(t^3 - t) / (n (n - 1))), and a continuity correction of 0.5.
///
///     mann_whitney_u({1, 2, 3}, {4, 5, 6}).statistic == 0
///
/// Throws std::invalid_argument when either sample is empty or holds NaN.
[[nodiscard]] TestResult mann_whitney_u(std::span<const double> x, std::span<const double> y);

/// Below this many (paired) samples, tail percentiles and their intervals are not to be trusted.
constexpr std::size_t minimum_samples = 20;

/// A warning for reports when n < minimum_samples, else nullopt.
///
///     sample_size_warning(12) ==
///         "only 12 paired samples: percentiles above p90 and their intervals are unreliable below 20"
[[nodiscard]] std::optional<std::string> sample_size_warning(std::size_t n);

}  // namespace parity::stats
