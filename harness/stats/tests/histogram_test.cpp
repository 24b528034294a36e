#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <stdexcept>
#include <vector>

#include "parity/stats/histogram.hpp"
#include "parity/stats/random.hpp"

using parity::stats::LogLinearHistogram;
using parity::stats::uniform_unit;
using parity::stats::Xoshiro256StarStar;

namespace {

/// Latency-like values spread log-uniformly over [1 ns, 1 h], fixed seed.
std::vector<std::int64_t> log_uniform_values(std::uint64_t seed, int count) {
    Xoshiro256StarStar generator(seed);
    const double log_highest = std::log(static_cast<double>(LogLinearHistogram::nanoseconds_per_hour));
    std::vector<std::int64_t> values;
    for (int i = 0; i < count; ++i) {
        values.push_back(static_cast<std::int64_t>(std::exp(uniform_unit(generator) * log_highest)));
    }
    return values;
}

/// The rank-th smallest value (1-based) with rank = max(1, ceil(per_mille / 1000 * n)), in integers.
std::int64_t nearest_rank(std::vector<std::int64_t> values, std::uint64_t per_mille) {
    std::sort(values.begin(), values.end());
    const std::uint64_t n = values.size();
    const std::uint64_t rank = std::max<std::uint64_t>(1, (per_mille * n + 999) / 1000);
    return values[rank - 1];
}

}  // namespace

TEST_CASE("histogram buckets stay within the configured precision") {
    for (const int digits : {1, 2, 3, 4}) {
        const LogLinearHistogram histogram(digits);
        const double precision = std::pow(10.0, -digits);
        for (const std::int64_t value : log_uniform_values(static_cast<std::uint64_t>(digits), 20000)) {
            const auto lowest = histogram.lowest_equivalent(value);
            const auto highest = histogram.highest_equivalent(value);
            CAPTURE(digits, value, lowest, highest);
            REQUIRE(lowest <= value);
            REQUIRE(value <= highest);
            REQUIRE(static_cast<double>(highest - lowest) <=
                    precision * static_cast<double>(std::max<std::int64_t>(lowest, 1)));
        }
    }
}

TEST_CASE("small values are exact") {
    const LogLinearHistogram histogram;
    for (std::int64_t value = 0; value < 2048; ++value) {
        CAPTURE(value);
        REQUIRE(histogram.lowest_equivalent(value) == value);
        REQUIRE(histogram.highest_equivalent(value) == value);
    }
    CHECK(histogram.lowest_equivalent(2048) == 2048);
    CHECK(histogram.highest_equivalent(2048) == 2049);
}

TEST_CASE("histogram count, min, max and mean") {
    LogLinearHistogram histogram;
    histogram.record(100);
    histogram.record(300, 3);
    histogram.record(1'000'000'007);
    CHECK(histogram.count() == 5);
    CHECK(histogram.min() == 100);
    CHECK(histogram.max() == 1'000'000'007);
    CHECK(histogram.clamped_count() == 0);
    // Small values are exact; 1'000'000'007 is within a 0.1 % bucket.
    const double exact_mean = (100.0 + 900.0 + 1'000'000'007.0) / 5.0;
    CHECK(histogram.mean() == Approx(exact_mean).epsilon(1e-3));
}

TEST_CASE("histogram percentiles are the exact nearest-rank percentile within precision") {
    const auto values = log_uniform_values(11, 10001);
    LogLinearHistogram histogram;
    for (const auto value : values) {
        histogram.record(value);
    }
    for (const std::uint64_t per_mille : {0U, 1U, 100U, 250U, 500U, 900U, 950U, 990U, 999U, 1000U}) {
        const auto exact = nearest_rank(values, per_mille);
        const auto estimate = histogram.value_at_percentile(static_cast<double>(per_mille) / 10.0);
        CAPTURE(per_mille, exact, estimate);
        CHECK(estimate >= exact);
        CHECK((estimate == histogram.highest_equivalent(exact) || estimate == histogram.max() ||
               estimate == histogram.min()));
        CHECK(static_cast<double>(estimate - exact) <= 1e-3 * static_cast<double>(exact));
    }
    CHECK(histogram.value_at_percentile(0) == histogram.min());
    CHECK(histogram.value_at_percentile(100) == histogram.max());
}

TEST_CASE("percentile ranks do not suffer from binary fractions") {
    LogLinearHistogram histogram;
    for (std::int64_t value = 1; value <= 1000; ++value) {
        histogram.record(value);
    }
    CHECK(histogram.value_at_percentile(99.9) == 999);  // 99.9 / 100 * 1000 is 999.0000000000001
    CHECK(histogram.value_at_percentile(50) == 500);
    CHECK(histogram.value_at_percentile(50.01) == 501);
}

TEST_CASE("merging equals recording everything in one histogram") {
    const auto values = log_uniform_values(5, 9000);
    LogLinearHistogram whole;
    LogLinearHistogram shards[3];
    for (std::size_t i = 0; i < values.size(); ++i) {
        whole.record(values[i]);
        shards[i % 3].record(values[i]);
    }
    LogLinearHistogram merged;
    for (const auto& shard : shards) {
        merged.merge(shard);
    }
    CHECK(merged == whole);
    CHECK(merged.buckets() == whole.buckets());
    CHECK(merged.mean() == whole.mean());

    LogLinearHistogram empty;
    merged.merge(empty);
    CHECK(merged == whole);
}

TEST_CASE("merging different layouts is refused") {
    LogLinearHistogram three_digits(3);
    const LogLinearHistogram two_digits(2);
    const LogLinearHistogram one_second(3, 1'000'000'000);
    CHECK_THROWS_AS(three_digits.merge(two_digits), std::invalid_argument);
    CHECK_THROWS_AS(three_digits.merge(one_second), std::invalid_argument);
}

TEST_CASE("values above the range are clamped and counted") {
    LogLinearHistogram histogram(3, 1'000'000);
    histogram.record(5);
    histogram.record(2'000'000, 2);
    CHECK(histogram.count() == 3);
    CHECK(histogram.clamped_count() == 2);
    CHECK(histogram.max() == 2'000'000);  // exact, before clamping
    const auto top = histogram.buckets().back();
    CHECK(top.lowest <= 1'000'000);
    CHECK(1'000'000 <= top.highest);
    CHECK(top.count == 2);
}

TEST_CASE("histogram rejects bad input") {
    LogLinearHistogram histogram;
    CHECK_THROWS_AS(histogram.record(-1), std::invalid_argument);
    CHECK_THROWS_AS(histogram.min(), std::out_of_range);
    CHECK_THROWS_AS(histogram.max(), std::out_of_range);
    CHECK_THROWS_AS(histogram.mean(), std::out_of_range);
    CHECK_THROWS_AS(histogram.value_at_percentile(50), std::out_of_range);
    histogram.record(1);
    CHECK_THROWS_AS(histogram.value_at_percentile(101), std::invalid_argument);
    CHECK_THROWS_AS(LogLinearHistogram(0), std::invalid_argument);
    CHECK_THROWS_AS(LogLinearHistogram(6), std::invalid_argument);
    CHECK_THROWS_AS(LogLinearHistogram(3, 1), std::invalid_argument);
}

TEST_CASE("histogram JSON is sparse and round-trips exactly") {
    LogLinearHistogram histogram;
    for (const auto value : log_uniform_values(9, 500)) {
        histogram.record(value);
    }
    histogram.record(7, 1'000'000'000'000ULL);
    histogram.record(LogLinearHistogram::nanoseconds_per_hour + 1);
    const auto json = histogram.to_json();
    CHECK(json.at("buckets").size() == histogram.buckets().size());
    CHECK(json.at("buckets").size() <= 502);
    CHECK(json.at("clamped_count") == 1);

    const auto parsed = LogLinearHistogram::from_json(nlohmann::json::parse(json.dump()));
    CHECK(parsed == histogram);
    CHECK(parsed.to_json() == json);

    const LogLinearHistogram empty(2);
    CHECK(LogLinearHistogram::from_json(empty.to_json()) == empty);
}

TEST_CASE("malformed histogram JSON is rejected") {
    LogLinearHistogram histogram;
    histogram.record(3000);
    histogram.record(10);
    const auto valid = histogram.to_json();

    auto wrong_total = valid;
    wrong_total["count"] = 3;
    CHECK_THROWS_AS(LogLinearHistogram::from_json(wrong_total), std::invalid_argument);

    auto not_a_boundary = valid;
    not_a_boundary["buckets"][1][0] = 3001;  // 3000 and 3001 share a bucket of width 2
    CHECK_THROWS_AS(LogLinearHistogram::from_json(not_a_boundary), std::invalid_argument);

    auto descending = valid;
    std::swap(descending["buckets"][0], descending["buckets"][1]);
    CHECK_THROWS_AS(LogLinearHistogram::from_json(descending), std::invalid_argument);

    auto missing = valid;
    missing.erase("min_ns");
    CHECK_THROWS_AS(LogLinearHistogram::from_json(missing), std::invalid_argument);
    CHECK_THROWS_AS(LogLinearHistogram::from_json(nlohmann::json::array()), std::invalid_argument);
}
