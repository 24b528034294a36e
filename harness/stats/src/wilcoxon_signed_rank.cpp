#include <algorithm>
#include <cmath>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

#include "parity/stats/significance.hpp"
#include "ranks.hpp"

namespace parity::stats {
namespace {

/// Number of subsets of {1, ..., n} with each sum 0..n(n+1)/2: R+ under the null hypothesis, every
/// sign pattern equally likely. Exact in 64 bits for n <= 25 (at most 2^25 patterns).
std::vector<std::uint64_t> signed_rank_counts(std::size_t n) {
    std::vector<std::uint64_t> counts(n * (n + 1) / 2 + 1, 0);
    counts[0] = 1;
    std::size_t reachable = 0;
    for (std::size_t rank = 1; rank <= n; ++rank) {
        reachable += rank;
        for (std::size_t sum = reachable; sum >= rank; --sum) {
            counts[sum] += counts[sum - rank];
        }
    }
    return counts;
}

/// SciPy's exact two-sided p-value: 1 at the centre, else twice the smaller tail including r+.
double exact_p_value(std::size_t n, std::size_t r_plus) {
    const auto counts = signed_rank_counts(n);
    const std::size_t highest = counts.size() - 1;
    if (r_plus == highest / 2) {
        return 1.0;
    }
    std::uint64_t at_most = 0;
    for (std::size_t sum = 0; sum <= r_plus; ++sum) {
        at_most += counts[sum];
    }
    std::uint64_t at_least = 0;
    for (std::size_t sum = r_plus; sum <= highest; ++sum) {
        at_least += counts[sum];
    }
    const double patterns = std::ldexp(1.0, static_cast<int>(n));
    return std::min(1.0, 2.0 * static_cast<double>(std::min(at_most, at_least)) / patterns);
}

}  // namespace

TestResult wilcoxon_signed_rank(std::span<const double> x, std::span<const double> y) {
    if (x.size() != y.size()) {
        throw std::invalid_argument("Wilcoxon signed-rank test needs paired samples of equal length, got " +
                                    std::to_string(x.size()) + " and " + std::to_string(y.size()));
    }
    std::vector<double> differences;
    bool had_zero = false;
    for (std::size_t i = 0; i < x.size(); ++i) {
        const double difference = x[i] - y[i];
        if (difference == 0.0) {
            had_zero = true;
            continue;
        }
        differences.push_back(difference);
    }
    if (differences.empty()) {
        throw std::invalid_argument("Wilcoxon signed-rank test needs at least one non-zero difference");
    }

    std::vector<double> magnitudes(differences.size());
    std::transform(differences.begin(), differences.end(), magnitudes.begin(),
                   [](double d) { return std::abs(d); });
    const auto ranking = detail::average_ranks(magnitudes);
    double r_plus = 0.0;
    double r_minus = 0.0;
    for (std::size_t i = 0; i < differences.size(); ++i) {
        (differences[i] > 0.0 ? r_plus : r_minus) += ranking.ranks[i];
    }

    const auto n = static_cast<double>(differences.size());
    const double mean = n * (n + 1.0) * 0.25;
    const double variance_times_24 = n * (n + 1.0) * (2.0 * n + 1.0) - 0.5 * ranking.tie_term;
    const double deviation = r_plus - mean;
    const double corrected = detail::continuity_corrected(deviation);

    TestResult result;
    result.statistic = std::min(r_plus, r_minus);
    result.z = corrected / std::sqrt(variance_times_24 / 24.0);
    result.n = differences.size();
    result.exact = differences.size() <= wilcoxon_exact_max_pairs && !ranking.has_ties() && !had_zero;
    if (result.exact) {
        result.p_value = exact_p_value(differences.size(), static_cast<std::size_t>(r_plus));
        result.method = "Wilcoxon signed-rank, exact";
    } else {
        result.p_value = 2.0 * detail::normal_survival(std::abs(result.z));
        result.method = "Wilcoxon signed-rank, normal approximation with tie and continuity correction";
    }
    return result;
}

}  // namespace parity::stats
