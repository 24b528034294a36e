// The fast token_sort_ratio / token_set_ratio against their naive oracle, bit for bit.

#include "parity/core/similarity/token_ratio.hpp"

#include <catch2/catch.hpp>

#include <cstddef>
#include <random>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "helpers/oracle_check.hpp"
#include "helpers/random_strings.hpp"
#include "parity/core/oracle/token_ratio.hpp"

namespace core = parity::core;
namespace oracle = parity::core::oracle;
using parity::test::check_against_oracle;
using parity::test::StringPair;

namespace {

double fast_sort(std::u32string_view a, std::u32string_view b) {
    return core::token_sort_ratio(a, b);
}
double oracle_sort(std::u32string_view a, std::u32string_view b) {
    return oracle::token_sort_ratio(a, b);
}
double fast_set(std::u32string_view a, std::u32string_view b) {
    return core::token_set_ratio(a, b);
}
double oracle_set(std::u32string_view a, std::u32string_view b) {
    return oracle::token_set_ratio(a, b);
}
double cached_sort(std::u32string_view a, std::u32string_view b) {
    return core::CachedTokenSortRatio(a).similarity(b);
}
double cached_set(std::u32string_view a, std::u32string_view b) {
    return core::CachedTokenSetRatio(a).similarity(b);
}

void check_all(const std::vector<StringPair>& pairs) {
    check_against_oracle<double>(pairs, oracle_sort,
                                 {{"token_sort_ratio", fast_sort}, {"CachedTokenSortRatio", cached_sort}});
    check_against_oracle<double>(pairs, oracle_set,
                                 {{"token_set_ratio", fast_set}, {"CachedTokenSetRatio", cached_set}});
}

// Street-like strings from a few shared words, so that token sets overlap in every way:
// subsets, equal sets, repeats, disjoint, separated by assorted Python whitespace.
std::vector<StringPair> word_pairs() {
    constexpr std::u32string_view words[] = {U"10", U"high", U"street", U"st", U"straße",          U"ζωή",
                                             U"李", U"😀",    U"a",      U"ab", U"high\u200bstreet"};
    constexpr std::u32string_view separators[] = {U" ", U"  ", U"\t", U"\u3000", U"\u00a0", U"\n "};
    std::mt19937 random(20240602);
    const auto sentence = [&random, &words, &separators] {
        std::u32string text = std::uniform_int_distribution<int>(0, 3)(random) == 0 ? U" " : U"";
        const std::size_t count = std::uniform_int_distribution<std::size_t>(0, 6)(random);
        for (std::size_t i = 0; i < count; ++i) {
            text += words[std::uniform_int_distribution<std::size_t>(0, std::size(words) - 1)(random)];
            text +=
                separators[std::uniform_int_distribution<std::size_t>(0, std::size(separators) - 1)(random)];
        }
        return text;
    };
    std::vector<StringPair> pairs;
    for (int i = 0; i < 1500; ++i) {
        std::u32string a = sentence();
        std::u32string b = sentence();
        pairs.push_back({std::move(a), std::move(b)});
    }
    return pairs;
}

}  // namespace

TEST_CASE("fast token ratios equal the oracle on the public vectors", "[token_ratio][fast][vectors]") {
    check_all(parity::test::shared_vector_pairs());
}

TEST_CASE("fast token ratios equal the oracle on every short string over \"ab \"", "[token_ratio][fast]") {
    // Over "ab " the tokens are few and often repeated or shared.
    const std::vector<std::u32string> strings = parity::test::all_strings(U"ab ", 4);
    std::vector<StringPair> pairs;
    for (const std::u32string& a : strings) {
        for (const std::u32string& b : strings) {
            pairs.push_back({a, b});
        }
    }
    check_all(pairs);
}

TEST_CASE("fast token ratios equal the oracle on overlapping word lists", "[token_ratio][fast]") {
    check_all(word_pairs());
}

TEST_CASE("fast token ratios equal the oracle on random strings", "[token_ratio][fast][random]") {
    check_all(parity::test::random_string_pairs());
}

TEST_CASE("one CachedTokenSetRatio compares with many strings", "[token_ratio][fast][cached]") {
    const std::vector<StringPair> pairs = word_pairs();
    for (const std::size_t index : {std::size_t{0}, std::size_t{3}, std::size_t{17}}) {
        const std::u32string& s1 = pairs[index].a;
        const core::CachedTokenSortRatio sort_ratio(s1);
        const core::CachedTokenSetRatio set_ratio(s1);
        for (const auto& [a, b] : pairs) {
            for (const std::u32string_view s2 : {std::u32string_view(a), std::u32string_view(b)}) {
                parity::test::check_exact("CachedTokenSortRatio", s1, s2, oracle::token_sort_ratio(s1, s2),
                                          sort_ratio.similarity(s2));
                parity::test::check_exact("CachedTokenSetRatio", s1, s2, oracle::token_set_ratio(s1, s2),
                                          set_ratio.similarity(s2));
            }
        }
    }
}

TEST_CASE("a moved CachedTokenSetRatio keeps its tokens", "[token_ratio][fast][cached]") {
    // Short tokens live inside the string object (SSO): views into it would dangle after a move.
    std::vector<core::CachedTokenSetRatio> cached;
    for (const std::u32string_view text : {U"a b", U"b c", U"c d", U"d e", U"e f"}) {
        cached.emplace_back(text);  // reallocations move the earlier ones
    }
    CHECK(cached[0].similarity(U"b a") == 1.0);
    CHECK(cached[4].similarity(U"f e") == 1.0);
    CHECK(cached[2].similarity(U"c x") == oracle::token_set_ratio(U"c d", U"c x"));
}

TEST_CASE("fast token ratios' UTF-8 overloads reject invalid UTF-8", "[token_ratio][fast][utf8]") {
    CHECK(core::token_set_ratio("Straße 5", "5 straße") == oracle::token_set_ratio(U"Straße 5", U"5 straße"));
    CHECK(core::token_sort_ratio("12 Main Street", "Main St 12") ==
          oracle::token_sort_ratio(U"12 Main Street", U"Main St 12"));
    CHECK_THROWS_AS(core::token_sort_ratio("a b", "\xf4\x90\x80\x80"), std::invalid_argument);
    CHECK_THROWS_AS(core::token_set_ratio("\xc3", "a"), std::invalid_argument);
}
