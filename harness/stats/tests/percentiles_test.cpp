#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <vector>

#include "parity/stats/percentiles.hpp"

using parity::stats::median;
using parity::stats::percentile;
using parity::stats::percentile_of_unsorted;
using parity::stats::percentiles_of_unsorted;
using parity::stats::summarize;

TEST_CASE("percentile of {1, 2, 3, 4} interpolates between closest ranks") {
    const std::vector<double> sorted{1, 2, 3, 4};
    CHECK(percentile(sorted, 0) == 1.0);
    CHECK(percentile(sorted, 25) == 1.75);
    CHECK(percentile(sorted, 50) == 2.5);
    CHECK(percentile(sorted, 75) == 3.25);
    CHECK(percentile(sorted, 100) == 4.0);
}

TEST_CASE("percentile matches numpy.percentile (type 7) bit for bit") {
    // Expected values printed by numpy 1.24.2: repr(np.percentile(data, p)).
    struct Case {
        std::vector<double> sorted;
        double p;
        double expected;
    };
    const std::vector<Case> cases{
        {{1, 2, 3, 4}, 10, 1.3},
        {{1, 2, 3, 4}, 95, 3.8499999999999996},
        {{1, 2, 3, 4}, 99, 3.9699999999999998},
        {{1, 2, 3, 4}, 99.9, 3.9970000000000003},
        {{1, 2, 3, 4}, 33.3, 1.9989999999999999},
        {{15, 20, 35, 40, 50}, 10, 17.0},
        {{15, 20, 35, 40, 50}, 99.9, 49.96000000000001},
        {{15, 20, 35, 40, 50}, 33.3, 24.979999999999997},
        {{-3, 0.1, 0.2, 0.7, 2.25, 5.5, 1e9}, 10, -1.1399999999999997},
        {{-3, 0.1, 0.2, 0.7, 2.25, 5.5, 1e9}, 25, 0.15000000000000002},
        {{-3, 0.1, 0.2, 0.7, 2.25, 5.5, 1e9}, 90, 400000003.30000037},
        {{-3, 0.1, 0.2, 0.7, 2.25, 5.5, 1e9}, 95, 700000001.6499993},
        {{-3, 0.1, 0.2, 0.7, 2.25, 5.5, 1e9}, 99.9, 994000000.0330007},
    };
    for (const auto& [sorted, p, expected] : cases) {
        CAPTURE(sorted, p);
        CHECK(percentile(sorted, p) == expected);
        std::vector<double> shuffled(sorted.rbegin(), sorted.rend());
        CHECK(percentile_of_unsorted(shuffled, p) == expected);
    }
}

TEST_CASE("several percentiles in one selection pass equal those of the sorted sample") {
    std::vector<double> samples;
    for (int i = 0; i < 257; ++i) {
        samples.push_back(std::fmod(i * 7919.0, 263.0) / 3.0);  // a scrambled, duplicate-free order
    }
    samples.push_back(samples[5]);  // and one duplicate
    const std::vector<double> ps{99, 50, 0, 95, 50, 100, 99.9, 0.1};
    std::vector<double> sorted = samples;
    std::sort(sorted.begin(), sorted.end());
    const auto together = percentiles_of_unsorted(samples, ps);
    REQUIRE(together.size() == ps.size());
    for (std::size_t i = 0; i < ps.size(); ++i) {
        CAPTURE(ps[i]);
        CHECK(together[i] == percentile(sorted, ps[i]));
    }
    CHECK(percentiles_of_unsorted(std::vector<double>{4, 1, 3, 2}, {50, 0}) == std::vector<double>{2.5, 1});
}

TEST_CASE("percentile of a single sample is that sample") {
    const std::vector<double> one{7.5};
    CHECK(percentile(one, 0) == 7.5);
    CHECK(percentile(one, 99.9) == 7.5);
    CHECK(median(one) == 7.5);
}

TEST_CASE("median of odd and even counts") {
    CHECK(median({1, 2, 3, 4}) == 2.5);
    CHECK(median({3, 1, 2}) == 2.0);
    CHECK(median({5, 1, 4, 2, 3, 6}) == 3.5);
}

TEST_CASE("percentile rejects what it cannot answer") {
    const std::vector<double> sorted{1, 2, 3};
    CHECK_THROWS_AS(percentile({}, 50), std::invalid_argument);
    CHECK_THROWS_AS(percentile(sorted, -0.1), std::invalid_argument);
    CHECK_THROWS_AS(percentile(sorted, 100.1), std::invalid_argument);
    CHECK_THROWS_AS(percentile(sorted, std::nan("")), std::invalid_argument);
    CHECK_THROWS_AS(percentile(std::vector<double>{3, 1, 2}, 50), std::invalid_argument);
    CHECK_THROWS_AS(percentile(std::vector<double>{1, std::nan(""), 3}, 50), std::invalid_argument);
    CHECK_THROWS_AS(median({}), std::invalid_argument);
    CHECK_THROWS_AS(summarize({}), std::invalid_argument);
}

TEST_CASE("summarize a textbook sample") {
    // Mean 5, population standard deviation 2, sample standard deviation sqrt(32 / 7).
    const auto summary = summarize({9, 2, 5, 4, 4, 7, 4, 5});
    CHECK(summary.count == 8);
    CHECK(summary.min == 2.0);
    CHECK(summary.max == 9.0);
    CHECK(summary.mean == 5.0);
    CHECK(summary.stddev == Approx(std::sqrt(32.0 / 7.0)).epsilon(1e-15));
    CHECK(summary.p50 == 4.5);
    CHECK(summary.p90 == Approx(7.6));  // h = 6.3: 7 + 0.3 * (9 - 7)
    CHECK(summary.p999 == Approx(8.986));
}

TEST_CASE("summarize a single sample has zero standard deviation") {
    const auto summary = summarize({42});
    CHECK(summary.count == 1);
    CHECK(summary.stddev == 0.0);
    CHECK(summary.p99 == 42.0);
}

TEST_CASE("summary percentiles of 1..1000") {
    std::vector<double> values;
    for (int i = 1; i <= 1000; ++i) {
        values.push_back(i);
    }
    const auto summary = summarize(values);
    CHECK(summary.p50 == 500.5);
    CHECK(summary.p90 == Approx(900.1));
    CHECK(summary.p99 == Approx(990.01));
    CHECK(summary.mean == 500.5);
    // Variance of 1..n with divisor n - 1 is n (n + 1) / 12.
    CHECK(summary.stddev == Approx(std::sqrt(1000.0 * 1001.0 / 12.0)));
}
