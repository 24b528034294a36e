#include <catch2/catch.hpp>

#include <cmath>
#include <random>
#include <stdexcept>
#include <vector>

#include "parity/stats/detectable_slowdown.hpp"
#include "parity/stats/speedup.hpp"

using parity::stats::Interval;
using parity::stats::minimum_detectable_slowdown;
using parity::stats::normal_quantile;

TEST_CASE("normal_quantile matches the standard normal's table", "[detectable]") {
    CHECK(normal_quantile(0.5) == Approx(0.0).margin(1e-12));
    CHECK(normal_quantile(0.975) == Approx(1.959963984540054).epsilon(1e-12));
    CHECK(normal_quantile(0.95) == Approx(1.644853626951472).epsilon(1e-12));
    CHECK(normal_quantile(0.001) == Approx(-3.090232306167813).epsilon(1e-12));
    CHECK(normal_quantile(0.999999) == Approx(4.753424308822899).epsilon(1e-10));
    CHECK_THROWS_AS(normal_quantile(0.0), std::invalid_argument);
    CHECK_THROWS_AS(normal_quantile(1.0), std::invalid_argument);
}

TEST_CASE("minimum_detectable_slowdown widens with the interval", "[detectable]") {
    // ln(1.02 / 0.98) / (2 * 1.96) = 0.0102 standard error; (1.96 + 1.645) * 0.0102 = 0.0368.
    const double narrow = minimum_detectable_slowdown(Interval{1.0, 0.98, 1.02, 0.95});
    CHECK(narrow == Approx(std::expm1(3.604817611491526 * std::log(1.02 / 0.98) / (2 * 1.959963984540054))));
    CHECK(narrow == Approx(0.0375).margin(0.001));
    const double wide = minimum_detectable_slowdown(Interval{1.0, 0.9, 1.1, 0.95});
    CHECK(wide > 4 * narrow);
    // The same relative width means the same detectable slowdown, whichever way up the ratio is.
    CHECK(minimum_detectable_slowdown(Interval{40.0, 39.2, 40.8, 0.95}) ==
          Approx(minimum_detectable_slowdown(Interval{1 / 40.0, 1 / 40.8, 1 / 39.2, 0.95})));
    CHECK(minimum_detectable_slowdown(Interval{1.0, 1.0, 1.0, 0.95}) == 0.0);
    // Less power asked, a smaller slowdown promised.
    CHECK(minimum_detectable_slowdown(Interval{1.0, 0.98, 1.02, 0.95}, 0.5) < narrow);
    CHECK_THROWS_AS(minimum_detectable_slowdown(Interval{1.0, 0.0, 1.1, 0.95}), std::invalid_argument);
    CHECK_THROWS_AS(minimum_detectable_slowdown(Interval{1.0, 1.1, 1.0, 0.95}), std::invalid_argument);
    CHECK_THROWS_AS(minimum_detectable_slowdown(Interval{1.0, 0.9, 1.1, 1.0}), std::invalid_argument);
}

TEST_CASE("a slowdown as large as the detectable one is told from none by the bootstrap", "[detectable]") {
    // Paired samples with 5 % multiplicative noise: an unchanged copy's interval excludes 1 + mds at most
    // rarely; the same copy slowed by 2 * mds has its interval above 1.
    std::mt19937_64 rng(7);
    std::lognormal_distribution<double> base(std::log(100'000.0), 0.3);
    std::normal_distribution<double> noise(0.0, 0.05);
    std::vector<double> baseline, same, slowed;
    for (int i = 0; i < 600; ++i) {
        const double t = base(rng);
        baseline.push_back(t * std::exp(noise(rng)));
        same.push_back(t * std::exp(noise(rng)));
    }
    const auto unchanged = parity::stats::paired_speedup(same, baseline).p50;
    const double mds = minimum_detectable_slowdown(unchanged);
    CHECK(mds > 0.0);
    CHECK(mds < 0.2);
    CHECK(unchanged.high <= 1.0 + mds);
    for (const double t : same)
        slowed.push_back(t * (1.0 + 2 * mds));
    CHECK(parity::stats::paired_speedup(slowed, baseline).p50.low > 1.0);
}
