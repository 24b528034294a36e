#include "parity/stats/percentiles.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <stdexcept>
#include <string>

namespace parity::stats {
namespace {

constexpr double lowest_percentile = 0.0;
constexpr double highest_percentile = 100.0;

void check_percentile(double p) {
    // Written so that NaN fails too.
    if (!(p >= lowest_percentile && p <= highest_percentile)) {
        throw std::invalid_argument("percentile must be in [0, 100], got " + std::to_string(p));
    }
}

void check_not_empty(std::span<const double> samples, const char* what) {
    if (samples.empty()) {
        throw std::invalid_argument(std::string(what) + " of an empty sample");
    }
}

void check_no_nan(std::span<const double> samples) {
    if (std::any_of(samples.begin(), samples.end(), [](double x) { return std::isnan(x); })) {
        throw std::invalid_argument("samples must not contain NaN");
    }
}

/// numpy's _lerp: a + (b - a) * t below t = 0.5 and b - (b - a) * (1 - t) from there, which keeps
/// the result monotonic in t and exact at both ends.
double numpy_lerp(double a, double b, double t) {
    const double difference = b - a;
    return t >= 0.5 ? b - difference * (1.0 - t) : a + difference * t;
}

/// Type 7's virtual index h = (n - 1) * p / 100, as numpy computes it (p / 100 first).
struct VirtualIndex {
    std::size_t below;  // floor(h)
    double fraction;    // h - floor(h)
};

VirtualIndex virtual_index(std::size_t count, double p) {
    const double h = static_cast<double>(count - 1) * (p / highest_percentile);
    const double below = std::floor(h);
    return {static_cast<std::size_t>(below), h - below};
}

}  // namespace

double percentile(std::span<const double> sorted, double p) {
    check_percentile(p);
    check_not_empty(sorted, "percentile");
    check_no_nan(sorted);
    if (!std::is_sorted(sorted.begin(), sorted.end())) {
        throw std::invalid_argument("percentile() needs ascending samples; use percentile_of_unsorted()");
    }
    const auto [below, fraction] = virtual_index(sorted.size(), p);
    if (below + 1 >= sorted.size()) {
        return sorted.back();
    }
    return numpy_lerp(sorted[below], sorted[below + 1], fraction);
}

double percentile_of_unsorted(std::span<const double> samples, double p) {
    const double ps[] = {p};
    return percentiles_of_unsorted(samples, ps).front();
}

std::vector<double> percentiles_of_unsorted(std::span<const double> samples, std::span<const double> ps) {
    std::for_each(ps.begin(), ps.end(), check_percentile);
    check_not_empty(samples, "percentile");
    check_no_nan(samples);
    std::vector<double> copy(samples.begin(), samples.end());
    // Ascending p, so each selection only has to partition what lies above the previous one.
    std::vector<std::size_t> order(ps.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::sort(order.begin(), order.end(), [&](std::size_t i, std::size_t j) { return ps[i] < ps[j]; });

    std::vector<double> result(ps.size());
    std::size_t unpartitioned_from = 0;  // positions below this hold nothing left to select
    for (const std::size_t i : order) {
        const auto [below, fraction] = virtual_index(copy.size(), ps[i]);
        const auto nth = copy.begin() + static_cast<std::ptrdiff_t>(below);
        if (below >= unpartitioned_from) {
            std::nth_element(copy.begin() + static_cast<std::ptrdiff_t>(unpartitioned_from), nth, copy.end());
            unpartitioned_from = below + 1;
        }
        if (below + 1 >= copy.size()) {
            result[i] = *nth;
            continue;
        }
        // After nth_element everything beyond nth is >= *nth: the next order statistic is their minimum.
        const double above = *std::min_element(nth + 1, copy.end());
        result[i] = numpy_lerp(*nth, above, fraction);
    }
    return result;
}

std::vector<double> percentiles_of_unsorted(std::span<const double> samples,
                                            std::initializer_list<double> ps) {
    return percentiles_of_unsorted(samples, std::span<const double>(ps.begin(), ps.size()));
}

double median(std::vector<double> samples) {
    return percentile_of_unsorted(samples, 50.0);
}

double mean(std::span<const double> samples) {
    check_not_empty(samples, "mean");
    double sum = 0.0;
    for (const double x : samples) {
        sum += x;
    }
    return sum / static_cast<double>(samples.size());
}

double sample_stddev(std::span<const double> samples) {
    const double average = mean(samples);
    if (samples.size() < 2) {
        return 0.0;
    }
    double squares = 0.0;
    for (const double x : samples) {
        squares += (x - average) * (x - average);
    }
    return std::sqrt(squares / static_cast<double>(samples.size() - 1));
}

Summary summarize(std::vector<double> samples) {
    check_not_empty(samples, "summary");
    check_no_nan(samples);
    std::sort(samples.begin(), samples.end());
    Summary summary;
    summary.count = samples.size();
    summary.min = samples.front();
    summary.p50 = percentile(samples, 50.0);
    summary.p90 = percentile(samples, 90.0);
    summary.p95 = percentile(samples, 95.0);
    summary.p99 = percentile(samples, 99.0);
    summary.p999 = percentile(samples, 99.9);
    summary.max = samples.back();
    summary.mean = mean(samples);
    summary.stddev = sample_stddev(samples);
    return summary;
}

}  // namespace parity::stats
