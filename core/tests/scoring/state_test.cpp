// The pieces of the walk's state: UTC hours with Python's floor division, Welford's statistics and the
// amount z-score, and the haversine distance (expected values computed by CPython's math module with
// the specification's formulas, as hexadecimal floats).

#include <catch2/catch.hpp>

#include <cmath>
#include <limits>

#include "scoring/haversine.hpp"
#include "scoring/hour_histogram.hpp"
#include "scoring/welford.hpp"

namespace detail = parity::scoring::detail;

TEST_CASE("hour_of: Python's // and % for timestamps before 1970") {
    CHECK(detail::hour_of(0) == 0);
    CHECK(detail::hour_of(3'599'999) == 0);
    CHECK(detail::hour_of(3'600'000) == 1);
    CHECK(detail::hour_of(-1) == 23);
    CHECK(detail::hour_of(-3'600'000) == 23);
    CHECK(detail::hour_of(-3'600'001) == 22);
    CHECK(detail::hour_of(-62'135'596'800'000) == 0);   // 0001-01-01T00:00:00Z
    CHECK(detail::hour_of(253'402'300'799'999) == 23);  // 9999-12-31T23:59:59.999Z
    CHECK(detail::floor_div(-7, 2) == -4);
    CHECK(detail::floor_mod(-7, 2) == 1);
}

TEST_CASE("hour histogram: novelty is 1 - (hours[h] + 1) / (total + 24)") {
    detail::HourHistogram hours;
    CHECK(hours.novelty(0) == 1.0 - 1.0 / 24.0);
    hours.add(0);
    hours.add(-82'800'000);  // 1969-12-31T01:00Z: hour 1
    hours.add(1'000);
    CHECK(hours.novelty(5) == 1.0 - 3.0 / 27.0);
    CHECK(hours.novelty(3'600'000) == 1.0 - 2.0 / 27.0);
    CHECK(hours.novelty(7'200'000) == 1.0 - 1.0 / 27.0);
}

TEST_CASE("Welford: mean, m2 and the z-score") {
    detail::Welford stats;
    CHECK(stats.z_score(10.0) == 0.0);
    stats.add(1.0);
    CHECK(stats.z_score(10.0) == 0.0);  // n < 2
    stats.add(2.0);
    stats.add(3.0);
    stats.add(4.0);
    CHECK(stats.n == 4);
    CHECK(stats.mean == 2.5);
    CHECK(stats.m2 == 5.0);
    CHECK(stats.z_score(10.0) == 0x1.73ce704fb7b23p+2);  // (10 - 2.5) / sqrt(5 / 3)
    CHECK(stats.z_score(1e6) == 50.0);
    CHECK(stats.z_score(-1e6) == -50.0);
}

TEST_CASE("Welford: equal amounts have no spread, so z is 0.0") {
    detail::Welford stats;
    stats.add(7.25);
    stats.add(7.25);
    stats.add(7.25);
    CHECK(stats.m2 == 0.0);
    CHECK(stats.z_score(100.0) == 0.0);
}

TEST_CASE("Welford: a NaN z is 0.0") {
    detail::Welford stats;
    const double huge = std::numeric_limits<double>::max();
    stats.add(huge);
    stats.add(-huge);  // delta overflows: the statistics become inf / NaN
    stats.add(huge);
    CHECK(stats.z_score(1.0) == 0.0);
}

TEST_CASE("haversine: the reference's bits") {
    CHECK(detail::haversine_km(48.8566, 2.3522, 51.5074, -0.1278) == 0x1.578e7911e87a1p+8);
    CHECK(detail::haversine_km(0.0, 0.0, 0.0, 180.0) == 0x1.38bc75304b065p+14);
    CHECK(detail::haversine_km(-33.8688, 151.2093, 40.7128, -74.0060) == 0x1.f3a63881f87c8p+13);
    CHECK(detail::haversine_km(10.0, 20.0, 10.0, 20.0) == 0.0);
}
