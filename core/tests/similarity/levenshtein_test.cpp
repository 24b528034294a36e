#include "parity/core/oracle/levenshtein.hpp"

#include <catch2/catch.hpp>

#include <cstddef>
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
    std::size_t distance;
    double ratio;
};

// Ratios printed by repr() from the Python reference's formula.
constexpr ExactCase exact_cases[] = {
    {"", "", 0, 1.0},
    {"", "abc", 3, 0.0},
    {"abc", "abc", 0, 1.0},
    {"martha", "marhta", 2, 0.6666666666666667},
    {"kitten", "sitting", 3, 0.5714285714285714},
    {"José", "Jose", 1, 0.75},
    {"Müller", "Mueller", 2, 0.7142857142857143},
    {"東京都", "京都府", 2, 0.33333333333333337},
    {"😀a😀", "😀b😀", 1, 0.6666666666666667},
};

}  // namespace

TEST_CASE("levenshtein matches the public vectors", "[levenshtein][vectors]") {
    for (const auto& vector : parity::test::load_metric_vectors("levenshtein.csv")) {
        const auto expected = static_cast<std::size_t>(std::stoul(vector.expected));
        CAPTURE(vector.source, vector.a, vector.b, expected);
        CHECK(oracle::levenshtein(vector.a, vector.b) == expected);
    }
}

TEST_CASE("levenshtein distance and ratio are exact", "[levenshtein]") {
    for (const auto& c : exact_cases) {
        CAPTURE(c.a, c.b);
        const double ratio = oracle::levenshtein_ratio(c.a, c.b);
        INFO("ratio: expected " << float_repr(c.ratio) << ", actual " << float_repr(ratio));
        CHECK(oracle::levenshtein(c.a, c.b) == c.distance);
        CHECK(oracle::levenshtein(c.b, c.a) == c.distance);
        CHECK(ratio == c.ratio);
    }
}

TEST_CASE("levenshtein's UTF-8 overloads score code points, not bytes", "[levenshtein][utf8]") {
    CHECK(oracle::levenshtein(U"é", U"e") == 1);
    CHECK(oracle::levenshtein("é", "e") == 1);  // two bytes against one, still one edit
    CHECK_THROWS_AS(oracle::levenshtein_ratio("\xc3", "e"), std::invalid_argument);
}
