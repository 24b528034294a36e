#include <catch2/catch.hpp>

#include <cstdint>
#include <stdexcept>
#include <vector>

#include "parity/stats/random.hpp"
#include "parity/stats/speedup.hpp"

using parity::stats::latency_intervals;
using parity::stats::paired_speedup;
using parity::stats::percentile_of_unsorted;
using parity::stats::uniform_unit;
using parity::stats::Xoshiro256StarStar;

namespace {

/// Request latencies 1..10 ms, heavy-tailed, fixed seed.
std::vector<double> latencies(std::uint64_t seed, int count) {
    Xoshiro256StarStar generator(seed);
    std::vector<double> samples;
    for (int i = 0; i < count; ++i) {
        const double u = uniform_unit(generator);
        samples.push_back(1e6 + 9e6 * u * u * u);
    }
    return samples;
}

}  // namespace

TEST_CASE("a candidate exactly twice as fast is a speedup of exactly 2 everywhere") {
    const auto reference = latencies(1, 200);
    std::vector<double> candidate;
    for (const double ns : reference) {
        candidate.push_back(ns / 2);
    }
    const auto report = paired_speedup(reference, candidate, {.resamples = 300});
    for (const auto& interval : {report.p50, report.p95, report.p99, report.per_request_median}) {
        CAPTURE(interval.low, interval.estimate, interval.high);
        CHECK(interval.estimate == 2.0);
        CHECK(interval.low == 2.0);
        CHECK(interval.high == 2.0);
    }
    CHECK(report.per_request.count == 200);
    CHECK(report.per_request.min == 2.0);
    CHECK(report.per_request.max == 2.0);
    CHECK(report.per_request.stddev == 0.0);
}

TEST_CASE("speedup estimates are the ratios of the paths' percentiles") {
    const auto reference = latencies(2, 300);
    auto candidate = latencies(3, 300);
    for (double& ns : candidate) {
        ns *= 0.8;
    }
    const auto report = paired_speedup(reference, candidate, {.resamples = 300});
    CHECK(report.p95.estimate ==
          percentile_of_unsorted(reference, 95) / percentile_of_unsorted(candidate, 95));
    CHECK(report.p99.estimate ==
          percentile_of_unsorted(reference, 99) / percentile_of_unsorted(candidate, 99));
    for (const auto& interval : {report.p50, report.p95, report.p99, report.per_request_median}) {
        CAPTURE(interval.low, interval.estimate, interval.high);
        CHECK(interval.low <= interval.estimate);
        CHECK(interval.estimate <= interval.high);
        CHECK(interval.level == 0.95);
    }
    CHECK(report.per_request_median.estimate == report.per_request.p50);
}

TEST_CASE("latency intervals bracket the sample percentiles") {
    const auto samples = latencies(4, 500);
    const auto intervals = latency_intervals(samples, {.resamples = 300});
    CHECK(intervals.p50.estimate == percentile_of_unsorted(samples, 50));
    CHECK(intervals.p99.estimate == percentile_of_unsorted(samples, 99));
    CHECK(intervals.p50.high < intervals.p95.low);
    CHECK(intervals.p95.contains(intervals.p95.estimate));
}

TEST_CASE("speedup rejects unusable latencies") {
    const std::vector<double> three{1, 2, 3};
    const std::vector<double> two{1, 2};
    const std::vector<double> with_zero{1, 0, 3};
    CHECK_THROWS_AS(paired_speedup(three, two), std::invalid_argument);
    CHECK_THROWS_AS(paired_speedup({}, {}), std::invalid_argument);
    CHECK_THROWS_AS(paired_speedup(three, with_zero), std::invalid_argument);
    CHECK_THROWS_AS(latency_intervals({}), std::invalid_argument);
}
