#include "parity/core/oracle/indel.hpp"

#include <catch2/catch.hpp>

#include <cstddef>
#include <stdexcept>
#include <string_view>

#include "helpers/float_repr.hpp"

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
    {"abc", "xyz", 6, 0.0},
    {"martha", "marhta", 2, 0.8333333333333334},
    {"kitten", "sitting", 5, 0.6153846153846154},
    {"dixon", "dicksonx", 5, 0.6153846153846154},
    {"José", "Jose", 2, 0.75},
    {"Müller", "Mueller", 3, 0.7692307692307692},
    {"東京都", "京都府", 2, 0.6666666666666667},
    {"😀a😀", "😀b😀", 2, 0.6666666666666667},
};

}  // namespace

TEST_CASE("longest_common_subsequence", "[indel]") {
    CHECK(oracle::longest_common_subsequence(U"", U"") == 0);
    CHECK(oracle::longest_common_subsequence(U"abcd", U"acbd") == 3);
    CHECK(oracle::longest_common_subsequence(U"kitten", U"sitting") == 4);
    CHECK(oracle::longest_common_subsequence(U"東京都", U"京都府") == 2);
}

TEST_CASE("indel distance and ratio are exact", "[indel]") {
    for (const auto& c : exact_cases) {
        CAPTURE(c.a, c.b);
        const double ratio = oracle::indel_ratio(c.a, c.b);
        INFO("ratio: expected " << float_repr(c.ratio) << ", actual " << float_repr(ratio));
        CHECK(oracle::indel_distance(c.a, c.b) == c.distance);
        CHECK(oracle::indel_distance(c.b, c.a) == c.distance);
        CHECK(ratio == c.ratio);
    }
}

TEST_CASE("indel's UTF-8 overloads reject invalid UTF-8", "[indel][utf8]") {
    CHECK_THROWS_AS(oracle::indel_distance("a", "\x80"), std::invalid_argument);
    CHECK_THROWS_AS(oracle::indel_ratio("\xed\xa0\x80", "a"), std::invalid_argument);  // surrogate
}
