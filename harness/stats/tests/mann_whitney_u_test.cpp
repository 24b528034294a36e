#include <catch2/catch.hpp>

#include <stdexcept>
#include <vector>

#include "parity/stats/significance.hpp"

using parity::stats::mann_whitney_u;

TEST_CASE("Mann-Whitney on SciPy's documented example, exact") {
    // Ages of male and female employees, the example of SciPy's mannwhitneyu documentation:
    // U1 = 17, exact two-sided p = 0.1111111111111111 (= 14 / 126).
    const std::vector<double> males{19, 22, 16, 29, 24};
    const std::vector<double> females{20, 11, 17, 12};
    const auto result = mann_whitney_u(males, females);
    CAPTURE(result.statistic, result.p_value, result.z, result.method);
    CHECK(result.statistic == 17.0);
    CHECK(result.exact);
    CHECK(result.n == 9);
    CHECK(result.p_value == Approx(0.1111111111111111).epsilon(1e-14));
}

TEST_CASE("Mann-Whitney with ties uses the corrected normal approximation") {
    // SciPy 1.10.1 mannwhitneyu(x, y): U1 = 8.5, p = 0.025279736885893914.
    const std::vector<double> x{1, 2, 2, 3, 3, 3, 4};
    const std::vector<double> y{2, 3, 4, 4, 5, 5, 6, 7};
    const auto result = mann_whitney_u(x, y);
    CAPTURE(result.statistic, result.p_value, result.z);
    CHECK(result.statistic == 8.5);
    CHECK_FALSE(result.exact);
    CHECK(result.p_value == Approx(0.025279736885893914).epsilon(1e-12));
    CHECK(result.z < 0);  // x tends to be smaller
}

TEST_CASE("Mann-Whitney on larger samples") {
    const std::vector<double> a{10.346, 10.822, 10.33,  8.697,  10.905, 10.446, 9.463,  10.581,
                                10.365, 10.294, 10.028, 10.547, 9.264,  9.837,  9.518,  10.599,
                                10.04,  9.708,  9.218,  9.743,  10.008, 9.724,  11.294, 11.007,
                                7.289,  8.111,  9.825,  9.578,  10.214, 10.217};
    const std::vector<double> b{12.518, 9.288, 10.022, 12.443, 11.047, 11.063, 9.886,  8.752, 10.567, 10.509,
                                9.173,  9.717, 10.328, 9.455,  10.302, 10.495, 10.436, 9.894, 10.994, 11.291,
                                10.721, 9.582, 11.132, 9.899,  11.279, 9.328,  11.314, 10.38, 9.151,  10.086};
    // SciPy 1.10.1 mannwhitneyu(a, b): U1 = 349, p = 0.13732283484699295 (asymptotic, 30 x 30).
    const auto asymptotic = mann_whitney_u(a, b);
    CAPTURE(asymptotic.statistic, asymptotic.p_value);
    CHECK(asymptotic.statistic == 349.0);
    CHECK_FALSE(asymptotic.exact);
    CHECK(asymptotic.p_value == Approx(0.13732283484699295).epsilon(1e-12));

    // SciPy 1.10.1 mannwhitneyu(a[:7], b): U1 = 95, exact p = 0.7185523888559944 (7 x 30).
    const std::vector<double> seven(a.begin(), a.begin() + 7);
    const auto exact = mann_whitney_u(seven, b);
    CAPTURE(exact.statistic, exact.p_value);
    CHECK(exact.statistic == 95.0);
    CHECK(exact.exact);
    CHECK(exact.p_value == Approx(0.7185523888559944).epsilon(1e-12));
    // Swapping the samples mirrors U and keeps the p-value.
    const auto swapped = mann_whitney_u(b, seven);
    CHECK(swapped.statistic == 7.0 * 30.0 - 95.0);
    CHECK(swapped.p_value == Approx(exact.p_value).epsilon(1e-14));
}

TEST_CASE("Mann-Whitney corner cases") {
    // Complete separation of 3 and 3: 2 of C(6, 3) = 20 arrangements are as extreme, p = 0.1.
    const auto separated = mann_whitney_u(std::vector<double>{1, 2, 3}, std::vector<double>{4, 5, 6});
    CHECK(separated.statistic == 0.0);
    CHECK(separated.p_value == Approx(0.1).epsilon(1e-14));
    // Everything tied: no evidence either way (SciPy: U1 = 3, p = 1).
    const auto tied = mann_whitney_u(std::vector<double>{5, 5, 5}, std::vector<double>{5, 5});
    CHECK(tied.statistic == 3.0);
    CHECK(tied.p_value == 1.0);
    CHECK(tied.z == 0.0);
}

TEST_CASE("Mann-Whitney rejects unusable input") {
    const std::vector<double> some{1, 2};
    CHECK_THROWS_AS(mann_whitney_u({}, some), std::invalid_argument);
    CHECK_THROWS_AS(mann_whitney_u(some, {}), std::invalid_argument);
    CHECK_THROWS_AS(mann_whitney_u(some, std::vector<double>{std::nan("")}), std::invalid_argument);
}
