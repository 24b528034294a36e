#include "ranks.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <numeric>
#include <stdexcept>

namespace parity::stats::detail {

Ranking average_ranks(std::span<const double> values) {
    if (std::any_of(values.begin(), values.end(), [](double v) { return std::isnan(v); })) {
        throw std::invalid_argument("rank tests need samples without NaN");
    }
    std::vector<std::size_t> order(values.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return values[a] < values[b]; });

    Ranking ranking;
    ranking.ranks.resize(values.size());
    for (std::size_t first = 0; first < order.size();) {
        std::size_t last = first + 1;
        while (last < order.size() && values[order[last]] == values[order[first]]) {
            ++last;
        }
        // Positions first..last-1 hold ranks first+1..last; their average is (first + 1 + last) / 2.
        const double average = static_cast<double>(first + 1 + last) / 2.0;
        for (std::size_t i = first; i < last; ++i) {
            ranking.ranks[order[i]] = average;
        }
        const auto tied = static_cast<double>(last - first);
        ranking.tie_term += tied * tied * tied - tied;
        first = last;
    }
    return ranking;
}

double continuity_corrected(double deviation) {
    constexpr double correction = 0.5;
    if (deviation > 0.0) {
        return deviation - correction;
    }
    if (deviation < 0.0) {
        return deviation + correction;
    }
    return 0.0;
}

double normal_survival(double z) {
    return 0.5 * std::erfc(z / std::numbers::sqrt2);
}

}  // namespace parity::stats::detail
