#include <catch2/catch.hpp>

#include <stdexcept>
#include <vector>

#include "parity/stats/significance.hpp"

using parity::stats::wilcoxon_signed_rank;

namespace {

// Thirty pairs without ties among the differences, rounded draws from N(10, 1) and N(10.4, 1)
// (numpy default_rng(1)); expected values from SciPy 1.10.1.
const std::vector<double> thirty_a{10.346, 10.822, 10.33,  8.697,  10.905, 10.446, 9.463,  10.581,
                                   10.365, 10.294, 10.028, 10.547, 9.264,  9.837,  9.518,  10.599,
                                   10.04,  9.708,  9.218,  9.743,  10.008, 9.724,  11.294, 11.007,
                                   7.289,  8.111,  9.825,  9.578,  10.214, 10.217};
const std::vector<double> thirty_b{12.518, 9.288,  10.022, 12.443, 11.047, 11.063, 9.886,  8.752,
                                   10.567, 10.509, 9.173,  9.717,  10.328, 9.455,  10.302, 10.495,
                                   10.436, 9.894,  10.994, 11.291, 10.721, 9.582,  11.132, 9.899,
                                   11.279, 9.328,  11.314, 10.38,  9.151,  10.086};

}  // namespace

TEST_CASE("Wilcoxon on Darwin's Zea mays differences, exact") {
    // Darwin's cross- minus self-fertilised plant heights (eighths of an inch), as analysed by
    // Fisher (The Design of Experiments, 1935) and in SciPy's wilcoxon documentation:
    // T = 24, exact two-sided p = 0.041259765625 (= 1352 / 32768).
    const std::vector<double> differences{6, 8, 14, 16, 23, 24, 28, 29, 41, -48, 49, 56, 60, -67, 75};
    const std::vector<double> zeros(differences.size(), 0.0);
    const auto result = wilcoxon_signed_rank(differences, zeros);
    CAPTURE(result.statistic, result.p_value, result.z, result.method);
    CHECK(result.statistic == 24.0);
    CHECK(result.p_value == Approx(0.041259765625).epsilon(1e-14));
    CHECK(result.exact);
    CHECK(result.n == 15);
    // SciPy's method="approx", correction=True gives zstatistic -2.01626451157708 (T below its
    // mean); ours is signed by R+, which is above its mean here.
    CHECK(result.z == Approx(2.01626451157708).epsilon(1e-12));
}

TEST_CASE("Wilcoxon with a zero and a tie uses the corrected normal approximation") {
    // Differences 15, -7, 5, 20, 0, -9, 17, -12, 5, -10: one zero (dropped) and a tie at |5|.
    // SciPy 1.10.1 wilcoxon(x, y, method="approx", correction=True): T = 18, p = 0.6352893188352069,
    // zstatistic = -0.4742953333830018.
    const std::vector<double> x{125, 115, 130, 140, 140, 115, 140, 125, 140, 135};
    const std::vector<double> y{110, 122, 125, 120, 140, 124, 123, 137, 135, 145};
    const auto result = wilcoxon_signed_rank(x, y);
    CAPTURE(result.statistic, result.p_value, result.z, result.method);
    CHECK(result.statistic == 18.0);
    CHECK(result.n == 9);
    CHECK_FALSE(result.exact);
    CHECK(result.p_value == Approx(0.6352893188352069).epsilon(1e-12));
    CHECK(result.z == Approx(0.4742953333830018).epsilon(1e-12));
}

TEST_CASE("Wilcoxon above 25 pairs uses the normal approximation") {
    // SciPy 1.10.1 wilcoxon(a, b, method="approx", correction=True): T = 156, p = 0.11800702011909572,
    // zstatistic = -1.563193790971952.
    const auto result = wilcoxon_signed_rank(thirty_a, thirty_b);
    CAPTURE(result.statistic, result.p_value, result.z);
    CHECK(result.statistic == 156.0);
    CHECK(result.n == 30);
    CHECK_FALSE(result.exact);
    CHECK(result.p_value == Approx(0.11800702011909572).epsilon(1e-12));
    CHECK(result.z == Approx(-1.563193790971952).epsilon(1e-12));
}

TEST_CASE("Wilcoxon exact for 20 pairs") {
    // SciPy 1.10.1 wilcoxon(a[:20], b[:20], method="exact"): T = 72, p = 0.2305126190185547.
    const std::vector<double> a(thirty_a.begin(), thirty_a.begin() + 20);
    const std::vector<double> b(thirty_b.begin(), thirty_b.begin() + 20);
    const auto result = wilcoxon_signed_rank(a, b);
    CAPTURE(result.statistic, result.p_value);
    CHECK(result.exact);
    CHECK(result.statistic == 72.0);
    CHECK(result.p_value == Approx(0.2305126190185547).epsilon(1e-14));
}

TEST_CASE("Wilcoxon exact corner cases") {
    // All five differences positive: the most extreme of 2^5 sign patterns, p = 2 / 32.
    const auto all_positive =
        wilcoxon_signed_rank(std::vector<double>{1, 2, 3, 4, 5}, std::vector<double>(5, 0.0));
    CHECK(all_positive.statistic == 0.0);
    CHECK(all_positive.p_value == 0.0625);
    // Differences 1, -2, 3, -4: R+ = 4 next to the centre; SciPy gives 0.875.
    const auto near_centre =
        wilcoxon_signed_rank(std::vector<double>{1, -2, 3, -4}, std::vector<double>(4, 0.0));
    CHECK(near_centre.statistic == 4.0);
    CHECK(near_centre.p_value == 0.875);
    // R+ = 5 = floor(10 / 2): the centre, p = 1.
    const auto centre = wilcoxon_signed_rank(std::vector<double>{-1, 2, 3, -4}, std::vector<double>(4, 0.0));
    CHECK(centre.p_value == 1.0);
}

TEST_CASE("Wilcoxon rejects unusable input") {
    const std::vector<double> three{1, 2, 3};
    const std::vector<double> two{1, 2};
    CHECK_THROWS_AS(wilcoxon_signed_rank(three, two), std::invalid_argument);
    CHECK_THROWS_AS(wilcoxon_signed_rank(three, three), std::invalid_argument);
    CHECK_THROWS_AS(wilcoxon_signed_rank({}, {}), std::invalid_argument);
}
