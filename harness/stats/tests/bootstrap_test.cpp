#include <catch2/catch.hpp>

#include <cstdint>
#include <stdexcept>
#include <vector>

#include "parity/stats/bootstrap.hpp"
#include "parity/stats/percentiles.hpp"
#include "parity/stats/random.hpp"

using parity::stats::bootstrap_interval;
using parity::stats::bootstrap_intervals;
using parity::stats::BootstrapOptions;
using parity::stats::Interval;
using parity::stats::paired_bootstrap_interval;
using parity::stats::paired_bootstrap_intervals;
using parity::stats::percentile_of_unsorted;
using parity::stats::percentiles_of_unsorted;
using parity::stats::uniform_unit;
using parity::stats::Xoshiro256StarStar;

namespace {

std::vector<double> uniform_samples(std::uint64_t seed, int count) {
    Xoshiro256StarStar generator(seed);
    std::vector<double> samples;
    for (int i = 0; i < count; ++i) {
        samples.push_back(uniform_unit(generator));
    }
    return samples;
}

double median_of(std::span<const double> samples) {
    return percentile_of_unsorted(samples, 50);
}

double ratio_of_medians(std::span<const double> a, std::span<const double> b) {
    return median_of(a) / median_of(b);
}

}  // namespace

TEST_CASE("the same seed gives the same interval, bit for bit") {
    const auto samples = uniform_samples(1, 200);
    const auto first = bootstrap_interval(samples, median_of);
    const auto second = bootstrap_interval(samples, median_of);
    CAPTURE(first.low, first.high, second.low, second.high);
    CHECK(first == second);
    CHECK(first.level == 0.95);
    CHECK(first.estimate == median_of(samples));
}

TEST_CASE("a different seed gives a different interval") {
    const auto samples = uniform_samples(1, 200);
    const auto seed_42 = bootstrap_interval(samples, median_of);
    const auto seed_43 = bootstrap_interval(samples, median_of, {.seed = 43});
    CAPTURE(seed_42.low, seed_42.high, seed_43.low, seed_43.high);
    CHECK_FALSE(seed_42 == seed_43);
    CHECK(seed_42.estimate == seed_43.estimate);
}

TEST_CASE("the interval contains the estimate and narrows with the level") {
    const auto samples = uniform_samples(2, 300);
    const auto wide = bootstrap_interval(samples, median_of, {.level = 0.99});
    const auto narrow = bootstrap_interval(samples, median_of, {.level = 0.5});
    CAPTURE(wide.low, wide.estimate, wide.high, narrow.low, narrow.high);
    CHECK(wide.contains(wide.estimate));
    CHECK(narrow.contains(narrow.estimate));
    CHECK(wide.low <= narrow.low);
    CHECK(narrow.high <= wide.high);
}

TEST_CASE("the percentile bootstrap of the median covers the true median about 95 % of the time") {
    // Uniform [0, 1): true median 0.5. 200 trials with fixed seeds, so the count is deterministic;
    // the bounds are loose enough to survive a change of generator, tight enough to catch a broken
    // interval (a 50 % interval or one around the wrong point).
    constexpr int trials = 200;
    int covered = 0;
    for (int trial = 0; trial < trials; ++trial) {
        const auto samples = uniform_samples(1000 + static_cast<std::uint64_t>(trial), 60);
        const auto interval = bootstrap_interval(
            samples, median_of, {.resamples = 500, .seed = static_cast<std::uint64_t>(trial)});
        covered += interval.contains(0.5) ? 1 : 0;
    }
    CAPTURE(covered, trials);
    CHECK(covered >= 176);  // 88 %
    CHECK(covered <= 198);  // 99 %
}

TEST_CASE("several statistics over shared draws equal separate runs") {
    const auto samples = uniform_samples(3, 100);
    const auto p90 = [](std::span<const double> s) { return percentile_of_unsorted(s, 90); };
    const auto both = [](std::span<const double> s) { return percentiles_of_unsorted(s, {50, 90}); };
    const auto together = bootstrap_intervals(samples, both);
    REQUIRE(together.size() == 2);
    CHECK(together[0] == bootstrap_interval(samples, median_of));
    CHECK(together[1] == bootstrap_interval(samples, p90));
}

TEST_CASE("paired bootstrap keeps pairs together") {
    // b is exactly a / 2, so every resample's ratio of medians is exactly 2: a degenerate interval.
    const auto a = uniform_samples(4, 80);
    std::vector<double> b;
    for (const double x : a) {
        b.push_back(x / 2);
    }
    const auto interval = paired_bootstrap_interval(a, b, ratio_of_medians);
    CAPTURE(interval.low, interval.estimate, interval.high);
    CHECK(interval.estimate == 2.0);
    CHECK(interval.low == 2.0);
    CHECK(interval.high == 2.0);

    const auto with_inverse = [](std::span<const double> x, std::span<const double> y) {
        return std::vector<double>{ratio_of_medians(x, y), ratio_of_medians(y, x)};
    };
    const auto together = paired_bootstrap_intervals(a, b, with_inverse);
    REQUIRE(together.size() == 2);
    CHECK(together[0] == interval);
    CHECK(together[1].estimate == 0.5);
}

TEST_CASE("paired bootstrap of independent paths has a real interval") {
    const auto a = uniform_samples(5, 100);
    const auto b = uniform_samples(6, 100);
    const auto interval = paired_bootstrap_interval(a, b, ratio_of_medians, {.seed = 7});
    CAPTURE(interval.low, interval.estimate, interval.high);
    CHECK(interval.low < interval.estimate);
    CHECK(interval.estimate < interval.high);
    CHECK(interval == paired_bootstrap_interval(a, b, ratio_of_medians, {.seed = 7}));
}

TEST_CASE("bootstrap rejects bad input") {
    const std::vector<double> samples{1, 2, 3};
    const std::vector<double> shorter{1, 2};
    CHECK_THROWS_AS(bootstrap_interval({}, median_of), std::invalid_argument);
    CHECK_THROWS_AS(bootstrap_interval(samples, median_of, {.resamples = 0}), std::invalid_argument);
    CHECK_THROWS_AS(bootstrap_interval(samples, median_of, {.level = 1.0}), std::invalid_argument);
    CHECK_THROWS_AS(bootstrap_interval(samples, median_of, {.level = 0.0}), std::invalid_argument);
    CHECK_THROWS_AS(paired_bootstrap_interval(samples, shorter, ratio_of_medians), std::invalid_argument);
    const auto not_a_number = [](std::span<const double>) { return std::nan(""); };
    CHECK_THROWS_AS(bootstrap_interval(samples, not_a_number), std::invalid_argument);
    // A statistic whose number of values changes between resamples is a bug in the statistic.
    const auto varying = [](std::span<const double> s) {
        return std::vector<double>(s[0] > 1.5 ? 1 : 2, 0.0);
    };
    CHECK_THROWS_AS(bootstrap_intervals(samples, varying), std::invalid_argument);
}
