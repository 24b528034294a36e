#include <catch2/catch.hpp>

#include "parity/reports/sample_statistics.hpp"

using namespace parity::reports;

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
