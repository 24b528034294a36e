#include "parity/reports/sample_statistics.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace parity::reports {


std::vector<CdfPoint> downsampled_cdf(const std::vector<double>& sorted, std::size_t max_points) {
    std::vector<CdfPoint> points;
    if (sorted.empty() || max_points == 0)
        return points;
    const std::size_t n = sorted.size();
    const std::size_t count = std::min(n, std::max<std::size_t>(max_points, 2));
    points.reserve(count);
    for (std::size_t i = 0; i < count; ++i) {
        // Evenly spaced ranks, first and last included, so the tails are never dropped.
        const std::size_t index = count == 1 ? 0 : i * (n - 1) / (count - 1);
        points.push_back({sorted[index], static_cast<double>(index + 1) / static_cast<double>(n)});
    }
    return points;
}

std::vector<std::size_t> log_histogram(const std::vector<double>& samples, double low, double high,
                                       std::size_t bins) {
    std::vector<std::size_t> counts(bins, 0);
    if (bins == 0 || low <= 0 || high <= low) {
        if (bins > 0)
            counts[0] = samples.size();
        return counts;
    }
    const double log_low = std::log10(low);
    const double width = (std::log10(high) - log_low) / static_cast<double>(bins);
    for (const double sample : samples) {
        const double position = sample > 0 ? (std::log10(sample) - log_low) / width : 0;
        const auto bin = static_cast<std::size_t>(std::clamp(position, 0.0, static_cast<double>(bins - 1)));
        ++counts[bin];
    }
    return counts;
}

}  // namespace parity::reports
