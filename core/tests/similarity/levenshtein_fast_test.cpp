// The bit-parallel levenshtein / levenshtein_ratio against their naive oracle, bit for bit.

#include "parity/core/similarity/levenshtein.hpp"

#include <catch2/catch.hpp>

#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "helpers/oracle_check.hpp"
#include "helpers/random_strings.hpp"
#include "helpers/shared_data.hpp"
#include "parity/core/oracle/levenshtein.hpp"

namespace core = parity::core;
namespace oracle = parity::core::oracle;
using parity::test::check_against_oracle;
using parity::test::StringPair;

namespace {

std::size_t fast_distance(std::u32string_view a, std::u32string_view b) {
    return core::levenshtein(a, b);
}
std::size_t oracle_distance(std::u32string_view a, std::u32string_view b) {
    return oracle::levenshtein(a, b);
}
double fast_ratio(std::u32string_view a, std::u32string_view b) {
    return core::levenshtein_ratio(a, b);
}
double oracle_ratio(std::u32string_view a, std::u32string_view b) {
    return oracle::levenshtein_ratio(a, b);
}
std::size_t cached_distance(std::u32string_view a, std::u32string_view b) {
    return core::CachedLevenshtein(a).distance(b);
}
double cached_ratio(std::u32string_view a, std::u32string_view b) {
    return core::CachedLevenshtein(a).similarity(b);
}

void check_all(const std::vector<StringPair>& pairs) {
    check_against_oracle<std::size_t>(
        pairs, oracle_distance,
        {{"levenshtein", fast_distance}, {"CachedLevenshtein::distance", cached_distance}});
    check_against_oracle<double>(
        pairs, oracle_ratio,
        {{"levenshtein_ratio", fast_ratio}, {"CachedLevenshtein::similarity", cached_ratio}});
}

}  // namespace

TEST_CASE("fast levenshtein equals the oracle on the public vectors", "[levenshtein][fast][vectors]") {
    check_all(parity::test::shared_vector_pairs());

    for (const auto& vector : parity::test::load_metric_vectors("levenshtein.csv")) {
        CAPTURE(vector.source, vector.a, vector.b, vector.expected);
        CHECK(core::levenshtein(vector.a, vector.b) == std::stoul(vector.expected));
    }
}

TEST_CASE("fast levenshtein equals the oracle on every short string over abc", "[levenshtein][fast]") {
    check_all(parity::test::exhaustive_small_pairs());
}

TEST_CASE("fast levenshtein equals the oracle on random strings", "[levenshtein][fast][random]") {
    check_all(parity::test::random_string_pairs());
}

TEST_CASE("one CachedLevenshtein compares with many strings", "[levenshtein][fast][cached]") {
    // A sample of the corpus, across all alphabets: the oracle is the slow part.
    const std::vector<StringPair> pairs = parity::test::every_nth(parity::test::random_string_pairs(7), 4);
    for (const std::size_t index : {std::size_t{5}, std::size_t{40}, pairs.size() - 1}) {
        const std::u32string& s1 = pairs[index].a;
        const core::CachedLevenshtein cached(s1);
        for (const auto& [a, b] : pairs) {
            for (const std::u32string_view s2 : {std::u32string_view(a), std::u32string_view(b)}) {
                parity::test::check_exact("CachedLevenshtein::distance", s1, s2, oracle::levenshtein(s1, s2),
                                          cached.distance(s2));
                parity::test::check_exact("CachedLevenshtein::similarity", s1, s2,
                                          oracle::levenshtein_ratio(s1, s2), cached.similarity(s2));
            }
        }
    }
}

TEST_CASE("fast levenshtein across whole blocks of differences", "[levenshtein][fast]") {
    // No common affix to strip: every block of the bit vectors takes part.
    for (const std::size_t length : {63, 64, 65, 127, 128, 129, 300}) {
        const std::u32string a(length, U'a');
        // Built with append: GCC 12 at -O3 flags `U"b" + std::u32string(...)` with a false -Wrestrict.
        std::u32string b(1, U'b');
        b.append(length - 2, U'a').append(1, U'\U0001F600');
        CAPTURE(length);
        CHECK(core::levenshtein(a, b) == 2);
        CHECK(core::levenshtein(a, std::u32string(length, U'b')) == length);
        CHECK(core::levenshtein(a, std::u32string(2 * length, U'a')) == length);
    }
}

TEST_CASE("fast levenshtein's UTF-8 overloads score code points and reject invalid UTF-8",
          "[levenshtein][fast][utf8]") {
    CHECK(core::levenshtein("é", "e") == 1);  // two bytes against one, still one edit
    CHECK(core::levenshtein_ratio("Müller", "Mueller") == oracle::levenshtein_ratio(U"Müller", U"Mueller"));
    CHECK_THROWS_AS(core::levenshtein_ratio("\xc3", "e"), std::invalid_argument);
    CHECK_THROWS_AS(core::levenshtein("a", "\x80"), std::invalid_argument);
}
