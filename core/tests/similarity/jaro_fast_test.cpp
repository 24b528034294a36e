// The bit-parallel jaro / jaro_winkler against their naive oracle, bit for bit.

#include "parity/core/similarity/jaro.hpp"

#include <catch2/catch.hpp>

#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "helpers/oracle_check.hpp"
#include "helpers/random_strings.hpp"
#include "helpers/shared_data.hpp"
#include "parity/core/oracle/jaro.hpp"

namespace core = parity::core;
namespace oracle = parity::core::oracle;
using parity::test::check_against_oracle;
using parity::test::StringPair;

namespace {

double fast_jaro(std::u32string_view a, std::u32string_view b) {
    return core::jaro(a, b);
}
double oracle_jaro(std::u32string_view a, std::u32string_view b) {
    return oracle::jaro(a, b);
}
double fast_jaro_winkler(std::u32string_view a, std::u32string_view b) {
    return core::jaro_winkler(a, b);
}
double oracle_jaro_winkler(std::u32string_view a, std::u32string_view b) {
    return oracle::jaro_winkler(a, b);
}
double cached_jaro(std::u32string_view a, std::u32string_view b) {
    return core::CachedJaro(a).similarity(b);
}
double cached_jaro_winkler(std::u32string_view a, std::u32string_view b) {
    return core::CachedJaroWinkler(a).similarity(b);
}

void check_all(const std::vector<StringPair>& pairs) {
    check_against_oracle<double>(pairs, oracle_jaro, {{"jaro", fast_jaro}, {"CachedJaro", cached_jaro}});
    check_against_oracle<double>(
        pairs, oracle_jaro_winkler,
        {{"jaro_winkler", fast_jaro_winkler}, {"CachedJaroWinkler", cached_jaro_winkler}});
}

}  // namespace

TEST_CASE("fast jaro and jaro_winkler equal the oracle on the public vectors", "[jaro][fast][vectors]") {
    check_all(parity::test::shared_vector_pairs());

    for (const auto& vector : parity::test::load_metric_vectors("jaro_winkler.csv")) {
        CAPTURE(vector.source, vector.a, vector.b, vector.expected);
        CHECK(core::jaro_winkler(vector.a, vector.b) ==
              Approx(std::stod(vector.expected)).margin(parity::test::metric_vector_margin));
    }
}

TEST_CASE("fast jaro and jaro_winkler equal the oracle on every short string over abc", "[jaro][fast]") {
    check_all(parity::test::exhaustive_small_pairs());
}

TEST_CASE("fast jaro and jaro_winkler equal the oracle on random strings", "[jaro][fast][random]") {
    check_all(parity::test::random_string_pairs());
}

TEST_CASE("one CachedJaroWinkler compares with many strings", "[jaro][fast][cached]") {
    // A sample of the corpus, across all alphabets: the oracle is the slow part.
    const std::vector<StringPair> pairs = parity::test::every_nth(parity::test::random_string_pairs(7), 4);
    // A short and a long pattern, each against every string of the corpus: the cached pattern
    // carries nothing over from one comparison to the next.
    for (const std::size_t index : {std::size_t{5}, std::size_t{40}, pairs.size() - 1}) {
        const std::u32string& s1 = pairs[index].a;
        const core::CachedJaro jaro(s1);
        const core::CachedJaroWinkler jaro_winkler(s1);
        for (const auto& [a, b] : pairs) {
            for (const std::u32string_view s2 : {std::u32string_view(a), std::u32string_view(b)}) {
                parity::test::check_exact("CachedJaro", s1, s2, oracle::jaro(s1, s2), jaro.similarity(s2));
                parity::test::check_exact("CachedJaroWinkler", s1, s2, oracle::jaro_winkler(s1, s2),
                                          jaro_winkler.similarity(s2));
            }
        }
    }
}

TEST_CASE("fast jaro matches within the window exactly as the oracle does", "[jaro][fast]") {
    // Around the word boundary: a match exactly window positions away counts, one further not.
    for (const std::size_t length : {63, 64, 65, 128, 129}) {
        const std::size_t window = length / 2 - 1;
        for (const std::size_t offset : {window, window + 1}) {
            std::u32string a(length, U'x');
            std::u32string b(length, U'y');
            a[0] = U'z';
            b[offset] = U'z';
            CAPTURE(length, offset);
            CHECK(core::jaro(a, b) == oracle::jaro(a, b));
            CHECK(core::jaro(b, a) == oracle::jaro(b, a));
            CHECK(core::CachedJaro(a).similarity(b) == oracle::jaro(a, b));
        }
    }
}

TEST_CASE("fast jaro's UTF-8 overloads score code points and reject invalid UTF-8", "[jaro][fast][utf8]") {
    CHECK(core::jaro("José", "Jose") == oracle::jaro(U"José", U"Jose"));
    CHECK(core::jaro_winkler("東京都庁", "東京都") == oracle::jaro_winkler(U"東京都庁", U"東京都"));
    CHECK_THROWS_AS(core::jaro("ok", "bad\xff"), std::invalid_argument);
    CHECK_THROWS_AS(core::jaro_winkler("\xed\xa0\x80", "a"), std::invalid_argument);  // surrogate
}
