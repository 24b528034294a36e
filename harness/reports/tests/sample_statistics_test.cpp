#include <catch2/catch.hpp>

#include "parity/reports/sample_statistics.hpp"

using namespace parity::reports;

TEST_CASE("quantile_of_sorted interpolates between closest ranks", "[sample_statistics]") {
    CHECK(quantile_of_sorted({1, 2, 3, 4}, 0.5) == Approx(2.5));
    CHECK(quantile_of_sorted({1, 2, 3, 4}, 0.0) == 1);
    CHECK(quantile_of_sorted({1, 2, 3, 4}, 1.0) == 4);
    CHECK(quantile_of_sorted({10}, 0.99) == 10);
    CHECK(quantile_of_sorted({}, 0.5) == 0);
}

TEST_CASE("summarize gives order statistics and the mean", "[sample_statistics]") {
    const SampleSummary s = summarize({4, 1, 3, 2});
    CHECK(s.count == 4);
    CHECK(s.min == 1);
    CHECK(s.max == 4);
    CHECK(s.p50 == Approx(2.5));
    CHECK(s.mean == Approx(2.5));
    CHECK(summarize({}).count == 0);
}

TEST_CASE("downsampled_cdf keeps both ends and caps the points", "[sample_statistics]") {
    std::vector<double> sorted;
    for (int i = 1; i <= 10000; ++i)
        sorted.push_back(i);
    const auto points = downsampled_cdf(sorted, 100);
    REQUIRE(points.size() == 100);
    CHECK(points.front().value == 1);
    CHECK(points.back().value == 10000);
    CHECK(points.back().fraction == 1);
    CHECK(downsampled_cdf({5, 6}, 100).size() == 2);
}

TEST_CASE("log_histogram counts per log-spaced bin, clamping outliers", "[sample_statistics]") {
    const auto counts = log_histogram({1, 10, 100, 1000, 0.001, 1e9}, 1, 1000, 3);
    REQUIRE(counts.size() == 3);
    CHECK(counts[0] == 2);  // 1 and the clamped 0.001
    CHECK(counts[1] == 1);  // 10
    CHECK(counts[2] == 3);  // 100, 1000 and the clamped 1e9
}
