#include <catch2/catch.hpp>

#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>

#include "float_tolerance.hpp"

namespace parity::diff {
namespace {

using nlohmann::json;

FloatTolerance abs_tolerance(double abs) {
    return FloatTolerance{abs, std::nullopt, std::nullopt};
}

TEST_CASE("ulps count the doubles in between, across zero", "[float_tolerance]") {
    const double denormal = std::numeric_limits<double>::denorm_min();
    CHECK(ulps_between(1.0, 1.0) == 0);
    CHECK(ulps_between(1.0, std::nextafter(1.0, 2.0)) == 1);
    CHECK(ulps_between(std::nextafter(1.0, 2.0), 1.0) == 1);
    CHECK(ulps_between(-0.0, 0.0) == 0);
    CHECK(ulps_between(-denormal, denormal) == 2);
    CHECK(ulps_between(0.0, denormal) == 1);
    CHECK(ulps_between(std::numeric_limits<double>::max(), std::numeric_limits<double>::infinity()) == 1);
    CHECK(ulps_between(std::nan(""), 1.0) == std::numeric_limits<std::uint64_t>::max());
    CHECK(ulps_between(-std::numeric_limits<double>::max(), std::numeric_limits<double>::max()) ==
          2 * (std::bit_cast<std::uint64_t>(std::numeric_limits<double>::max())));
}

TEST_CASE("abs, rel and ulps tolerances", "[float_tolerance]") {
    CHECK_FALSE(tolerance_violation(json(0.9), json(0.91), abs_tolerance(0.02)).has_value());
    CHECK(tolerance_violation(json(0.9), json(0.91), abs_tolerance(1e-9)) == "|Δ| = 0.01 > abs 1e-09");
    const FloatTolerance rel{std::nullopt, 0.1, std::nullopt};
    CHECK_FALSE(tolerance_violation(json(100.0), json(109.0), rel).has_value());
    CHECK(tolerance_violation(json(100.0), json(112.0), rel) == "|Δ| = 12 > rel 0.1 × 112");
    const FloatTolerance ulps{std::nullopt, std::nullopt, 1};
    CHECK_FALSE(tolerance_violation(json(1.0), json(std::nextafter(1.0, 0.0)), ulps).has_value());
    CHECK(tolerance_violation(json(1.0), json(1.0 + 4 * std::numeric_limits<double>::epsilon()), ulps) ==
          "|Δ| = 8.88178e-16; 4 ulps > 1");
}

TEST_CASE("negative zero and 0.0 are within any tolerance, even zero", "[float_tolerance]") {
    CHECK_FALSE(tolerance_violation(json(-0.0), json(0.0), abs_tolerance(0.0)).has_value());
    CHECK_FALSE(tolerance_violation(json(-0.0), json(0.0), FloatTolerance{std::nullopt, 0.0, std::nullopt}));
    CHECK_FALSE(tolerance_violation(json(-0.0), json(0.0), FloatTolerance{std::nullopt, std::nullopt, 0}));
}

TEST_CASE("integers take part by their exact value", "[float_tolerance]") {
    CHECK_FALSE(tolerance_violation(json(1), json(1.0), abs_tolerance(0.0)).has_value());
    // 2^53 + 1 and 2^53 are the same double, but not the same integer.
    CHECK(tolerance_violation(json(std::int64_t{9007199254740993}), json(std::int64_t{9007199254740992}),
                              abs_tolerance(0.0))
              .has_value());
    CHECK_FALSE(tolerance_violation(json(std::int64_t{9007199254740993}),
                                    json(std::int64_t{9007199254740992}), abs_tolerance(1.0))
                    .has_value());
    CHECK(tolerance_violation(json(std::numeric_limits<std::uint64_t>::max()), json(std::int64_t{-1}),
                              abs_tolerance(1e18))
              .has_value());
}

TEST_CASE("NaN and infinities under tolerance", "[float_tolerance]") {
    const double nan = std::numeric_limits<double>::quiet_NaN();
    const double infinity = std::numeric_limits<double>::infinity();
    const FloatTolerance everything{1e308, 1e308, std::numeric_limits<std::uint64_t>::max()};
    CHECK_FALSE(tolerance_violation(json(nan), json(nan), everything).has_value());
    CHECK(tolerance_violation(json(nan), json(1.0), everything).has_value());
    CHECK_FALSE(tolerance_violation(json(infinity), json(infinity), everything).has_value());
    CHECK(tolerance_violation(json(infinity), json(1e308), everything).has_value());
    CHECK(tolerance_violation(json(infinity), json(-infinity), everything).has_value());
}

TEST_CASE("doubles are written as JSON writes them", "[float_tolerance]") {
    CHECK(format_double(0.1) == "0.1");
    CHECK(format_double(1e-9) == "1e-09");
    CHECK(format_double(-0.0) == "-0.0");
    CHECK(format_double(std::nan("")) == "NaN");
    CHECK(format_double(-std::numeric_limits<double>::infinity()) == "-Infinity");
}

}  // namespace
}  // namespace parity::diff
