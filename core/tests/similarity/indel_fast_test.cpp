// The bit-parallel LCS, indel_distance and indel_ratio against their naive oracle, bit for bit.

#include "parity/core/similarity/indel.hpp"

#include <catch2/catch.hpp>

#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "helpers/oracle_check.hpp"
#include "helpers/random_strings.hpp"
#include "parity/core/oracle/indel.hpp"

namespace core = parity::core;
namespace oracle = parity::core::oracle;
using parity::test::check_against_oracle;
using parity::test::StringPair;

namespace {

std::size_t fast_lcs(std::u32string_view a, std::u32string_view b) {
    return core::longest_common_subsequence(a, b);
}
std::size_t oracle_lcs(std::u32string_view a, std::u32string_view b) {
    return oracle::longest_common_subsequence(a, b);
}
std::size_t fast_distance(std::u32string_view a, std::u32string_view b) {
    return core::indel_distance(a, b);
}
std::size_t oracle_distance(std::u32string_view a, std::u32string_view b) {
    return oracle::indel_distance(a, b);
}
double fast_ratio(std::u32string_view a, std::u32string_view b) {
    return core::indel_ratio(a, b);
}
double oracle_ratio(std::u32string_view a, std::u32string_view b) {
    return oracle::indel_ratio(a, b);
}
std::size_t cached_distance(std::u32string_view a, std::u32string_view b) {
    return core::CachedIndel(a).distance(b);
}
double cached_ratio(std::u32string_view a, std::u32string_view b) {
    return core::CachedIndel(a).similarity(b);
}

void check_all(const std::vector<StringPair>& pairs) {
    check_against_oracle<std::size_t>(pairs, oracle_lcs, {{"longest_common_subsequence", fast_lcs}});
    check_against_oracle<std::size_t>(
        pairs, oracle_distance,
        {{"indel_distance", fast_distance}, {"CachedIndel::distance", cached_distance}});
    check_against_oracle<double>(pairs, oracle_ratio,
                                 {{"indel_ratio", fast_ratio}, {"CachedIndel::similarity", cached_ratio}});
}

}  // namespace

TEST_CASE("fast indel equals the oracle on the public vectors", "[indel][fast][vectors]") {
    check_all(parity::test::shared_vector_pairs());
}

TEST_CASE("fast indel equals the oracle on every short string over abc", "[indel][fast]") {
    check_all(parity::test::exhaustive_small_pairs());
}

TEST_CASE("fast indel equals the oracle on random strings", "[indel][fast][random]") {
    check_all(parity::test::random_string_pairs());
}

TEST_CASE("one CachedIndel compares with many strings", "[indel][fast][cached]") {
    // A sample of the corpus, across all alphabets: the oracle is the slow part.
    const std::vector<StringPair> pairs = parity::test::every_nth(parity::test::random_string_pairs(7), 4);
    for (const std::size_t index : {std::size_t{5}, std::size_t{40}, pairs.size() - 1}) {
        const std::u32string& s1 = pairs[index].a;
        const core::CachedIndel cached(s1);
        for (const auto& [a, b] : pairs) {
            for (const std::u32string_view s2 : {std::u32string_view(a), std::u32string_view(b)}) {
                parity::test::check_exact("CachedIndel::distance", s1, s2, oracle::indel_distance(s1, s2),
                                          cached.distance(s2));
                parity::test::check_exact("CachedIndel::similarity", s1, s2, oracle::indel_ratio(s1, s2),
                                          cached.similarity(s2));
            }
        }
    }
}

TEST_CASE("fast LCS carries across blocks", "[indel][fast]") {
    // Matches at the top of one word must carry into the next: a run of equal code points
    // spanning the boundary, with nothing to strip at either end.
    for (const std::size_t length : {63, 64, 65, 127, 128, 129, 300}) {
        // Built with append: GCC 12 at -O3 flags `U"x" + std::u32string(...)` with a false -Wrestrict.
        std::u32string a(1, U'x');
        a.append(length, U'a').append(1, U'y');
        std::u32string b(1, U'y');
        b.append(length, U'a').append(1, U'x');
        CAPTURE(length);
        CHECK(core::longest_common_subsequence(a, b) == length);
        CHECK(core::CachedIndel(a).distance(b) == 4);
    }
}

TEST_CASE("fast indel's UTF-8 overloads score code points and reject invalid UTF-8", "[indel][fast][utf8]") {
    CHECK(core::indel_distance("😀x", "x") == 1);
    CHECK(core::indel_ratio("東京都", "京都府") == oracle::indel_ratio(U"東京都", U"京都府"));
    CHECK_THROWS_AS(core::indel_distance("a", "\x80"), std::invalid_argument);
    CHECK_THROWS_AS(core::indel_ratio("\xed\xa0\x80", "a"), std::invalid_argument);  // surrogate
}
