#include "parity/core/oracle/jaro.hpp"

#include <catch2/catch.hpp>

#include <stdexcept>
#include <string>
#include <string_view>

#include "helpers/float_repr.hpp"
#include "helpers/shared_data.hpp"

namespace oracle = parity::core::oracle;
using parity::test::float_repr;

namespace {

struct ExactCase {
    std::string_view a;
    std::string_view b;
    double jaro;
    double jaro_winkler;
};

// Expected values computed by a transliteration of the Python reference's formulas and printed
// with repr(): the oracle must match them bit for bit, not just approximately.
constexpr ExactCase exact_cases[] = {
    {"", "", 1.0, 1.0},
    {"", "abc", 0.0, 0.0},
    {"abc", "", 0.0, 0.0},
    {"abc", "abc", 1.0, 1.0},
    {"abc", "xyz", 0.0, 0.0},
    {"martha", "marhta", 0.9444444444444445, 0.9611111111111111},
    {"dixon", "dicksonx", 0.7666666666666666, 0.8133333333333332},
    {"kitten", "sitting", 0.746031746031746, 0.746031746031746},
    {"José", "Jose", 0.8333333333333334, 0.8833333333333334},
    {"Müller", "Mueller", 0.7825396825396825, 0.8042857142857143},
    {"東京都", "京都府", 0.0, 0.0},  // window 0: only equal positions can match
    {"😀a😀", "😀b😀", 0.7777777777777777, 0.7999999999999999},
};

}  // namespace

TEST_CASE("jaro matches the public vectors", "[jaro][vectors]") {
    for (const auto& vector : parity::test::load_metric_vectors("jaro_distance.csv")) {
        const double expected = std::stod(vector.expected);
        CAPTURE(vector.source, vector.a, vector.b, expected);
        CHECK(oracle::jaro(vector.a, vector.b) ==
              Approx(expected).margin(parity::test::metric_vector_margin));
    }
}

TEST_CASE("jaro_winkler matches the public vectors", "[jaro_winkler][vectors]") {
    for (const auto& vector : parity::test::load_metric_vectors("jaro_winkler.csv")) {
        const double expected = std::stod(vector.expected);
        CAPTURE(vector.source, vector.a, vector.b, expected);
        CHECK(oracle::jaro_winkler(vector.a, vector.b) ==
              Approx(expected).margin(parity::test::metric_vector_margin));
    }
}

TEST_CASE("jaro and jaro_winkler are bit-identical to the Python formulas", "[jaro][jaro_winkler]") {
    for (const auto& c : exact_cases) {
        CAPTURE(c.a, c.b);
        const double jaro = oracle::jaro(c.a, c.b);
        const double jaro_winkler = oracle::jaro_winkler(c.a, c.b);
        INFO("jaro: expected " << float_repr(c.jaro) << ", actual " << float_repr(jaro));
        INFO("jaro_winkler: expected " << float_repr(c.jaro_winkler) << ", actual "
                                       << float_repr(jaro_winkler));
        CHECK(jaro == c.jaro);
        CHECK(jaro_winkler == c.jaro_winkler);
    }
}

TEST_CASE("jaro_winkler boosts only above 0.7 and over at most 4 leading code points", "[jaro_winkler]") {
    // jaro("abcdxyz", "abcdwvu") = (4/7 + 4/7 + 1) / 3 = 0.714..., prefix capped at 4 of 4.
    const double jaro = oracle::jaro(U"abcdxyz", U"abcdwvu");
    CHECK(oracle::jaro_winkler(U"abcdxyz", U"abcdwvu") == jaro + (4 * 0.1) * (1.0 - jaro));
    // jaro("abcxyz", "abcuvw") = 2/3 <= 0.7: unchanged despite the common prefix.
    CHECK(oracle::jaro_winkler(U"abcxyz", U"abcuvw") == oracle::jaro(U"abcxyz", U"abcuvw"));
}

TEST_CASE("jaro's UTF-8 overloads score code points, not bytes", "[jaro][utf8]") {
    CHECK(oracle::jaro("José", "Jose") == oracle::jaro(U"José", U"Jose"));
    CHECK(oracle::jaro_winkler("東京都庁", "東京都") == oracle::jaro_winkler(U"東京都庁", U"東京都"));
    CHECK_THROWS_AS(oracle::jaro("ok", "bad\xff"), std::invalid_argument);
}
