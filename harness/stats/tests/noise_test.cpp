#include <catch2/catch.hpp>

#include <cmath>
#include <stdexcept>
#include <vector>

#include "parity/stats/noise.hpp"
#include "parity/stats/random.hpp"

using parity::stats::coefficient_of_variation;
using parity::stats::noise_floor;
using parity::stats::uniform_unit;
using parity::stats::Xoshiro256StarStar;

TEST_CASE("coefficient of variation of a textbook sample") {
    const std::vector<double> samples{2, 4, 4, 4, 5, 5, 7, 9};
    CHECK(coefficient_of_variation(samples) == Approx(std::sqrt(32.0 / 7.0) / 5.0).epsilon(1e-15));
    CHECK(coefficient_of_variation(std::vector<double>{3}) == 0.0);
    CHECK_THROWS_AS(coefficient_of_variation(std::vector<double>{}), std::invalid_argument);
    CHECK_THROWS_AS(coefficient_of_variation(std::vector<double>{-1, 1}), std::invalid_argument);
}

TEST_CASE("an A/A run's noise floor is centred on 1") {
    // Two measurements of the same requests: a shared per-request cost plus independent ~5 % jitter.
    Xoshiro256StarStar generator(17);
    std::vector<double> run_a;
    std::vector<double> run_b;
    for (int i = 0; i < 400; ++i) {
        const double cost = 1e6 * (1.0 + 4.0 * uniform_unit(generator));
        run_a.push_back(cost * (0.95 + 0.1 * uniform_unit(generator)));
        run_b.push_back(cost * (0.95 + 0.1 * uniform_unit(generator)));
    }
    const auto floor = noise_floor(run_a, run_b, {.resamples = 500});
    CAPTURE(floor.median_ratio, floor.median_ratio_interval.low, floor.median_ratio_interval.high,
            floor.cv_reference, floor.cv_candidate);
    CHECK(floor.median_ratio == floor.median_ratio_interval.estimate);
    CHECK(floor.median_ratio_interval.contains(1.0));
    CHECK(floor.median_ratio_interval.high - floor.median_ratio_interval.low < 0.2);
    CHECK(floor.cv_reference == Approx(coefficient_of_variation(run_a)));
    CHECK(floor.cv_reference > 0.3);  // costs spread over 1..5 ms
    CHECK_THROWS_AS(noise_floor(run_a, std::vector<double>{1.0}), std::invalid_argument);
}
