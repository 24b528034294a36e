#include "parity/core/oracle/token_ratio.hpp"

#include <catch2/catch.hpp>

#include <stdexcept>
#include <string_view>

#include "helpers/float_repr.hpp"

namespace oracle = parity::core::oracle;
using parity::test::float_repr;

namespace {

struct ExactCase {
    std::string_view a;
    std::string_view b;
    double sort_ratio;
    double set_ratio;
};

// Printed by repr() from the Python reference's formulas.
constexpr ExactCase exact_cases[] = {
    {"", "", 1.0, 1.0},
    {"   ", " \t", 1.0, 1.0},  // no tokens on either side
    {"", "a", 0.0, 0.0},
    {"fuzzy wuzzy was a bear", "wuzzy fuzzy was a bear", 1.0, 1.0},
    {"fuzzy was a bear", "fuzzy fuzzy was a bear", 0.8421052631578947, 1.0},
    {"12 Main Street Springfield", "Main St 12 Springfield", 0.9166666666666666, 0.926829268292683},
    {"new york mets", "new YORK mets", 0.6153846153846154, 0.7619047619047619},
    {"a b", "b\u3000a", 1.0, 1.0},  // U+3000 IDEOGRAPHIC SPACE separates tokens, as in Python
    {"Straße 5", "5 straße", 0.875, 0.875},
};

}  // namespace

TEST_CASE("token_sort_ratio and token_set_ratio are exact", "[token_ratio]") {
    for (const auto& c : exact_cases) {
        CAPTURE(c.a, c.b);
        const double sort_ratio = oracle::token_sort_ratio(c.a, c.b);
        const double set_ratio = oracle::token_set_ratio(c.a, c.b);
        INFO("token_sort_ratio: expected " << float_repr(c.sort_ratio) << ", actual "
                                           << float_repr(sort_ratio));
        INFO("token_set_ratio: expected " << float_repr(c.set_ratio) << ", actual " << float_repr(set_ratio));
        CHECK(sort_ratio == c.sort_ratio);
        CHECK(set_ratio == c.set_ratio);
    }
}

TEST_CASE("token ratios sort by code point, as Python sorts str", "[token_ratio]") {
    // "Z" (U+005A) < "a" (U+0061) < "é" (U+00E9): sorted tokens are identical, whatever the order.
    CHECK(oracle::token_sort_ratio(U"é a Z", U"Z é a") == 1.0);
    CHECK(oracle::token_set_ratio(U"é a Z a", U"Z é a") == 1.0);
}

TEST_CASE("token ratios ignore whitespace runs and kinds", "[token_ratio]") {
    CHECK(oracle::token_sort_ratio(U"\u00a0new\u2003york\n", U"new york") == 1.0);
    // U+200B ZERO WIDTH SPACE is not whitespace to Python: it stays inside the token.
    CHECK(oracle::token_sort_ratio(U"new\u200byork", U"new york") < 1.0);
}

TEST_CASE("token ratios' UTF-8 overloads reject invalid UTF-8", "[token_ratio][utf8]") {
    CHECK(oracle::token_set_ratio("Straße 5", "5 straße") ==
          oracle::token_set_ratio(U"Straße 5", U"5 straße"));
    CHECK_THROWS_AS(oracle::token_sort_ratio("a b", "\xf4\x90\x80\x80"), std::invalid_argument);
}
