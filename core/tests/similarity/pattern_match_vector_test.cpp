// The pattern-match vectors against positions found by a plain scan.

#include "parity/core/similarity/detail/pattern_match_vector.hpp"

#include <catch2/catch.hpp>

#include <cstddef>
#include <cstdint>
#include <random>
#include <string>

#include "helpers/oracle_check.hpp"
#include "helpers/random_strings.hpp"

namespace detail = parity::core::detail;
using parity::test::Alphabet;

namespace {

// Bit (position - first) for each position in [first, first + 64) where pattern holds code_point.
std::uint64_t scanned_positions(const std::u32string& pattern, char32_t code_point, std::size_t first) {
    std::uint64_t bits = 0;
    for (std::size_t i = first; i < pattern.size() && i < first + detail::word_bits; ++i) {
        if (pattern[i] == code_point) {
            bits |= std::uint64_t{1} << (i - first);
        }
    }
    return bits;
}

// The pattern's own code points, and others that are absent from it.
std::u32string probes(std::mt19937& random, const std::u32string& pattern) {
    return pattern + parity::test::random_string(random, Alphabet::unicode, 32) +
           std::u32string{U'\0', U'\xff', U'\u0100'};
}

std::string describe(const std::u32string& pattern, char32_t code_point, std::size_t block) {
    return "pattern " + parity::test::code_points(pattern) + ", code point " +
           parity::test::code_points(std::u32string(1, code_point)) + ", block " + std::to_string(block);
}

}  // namespace

TEST_CASE("PatternMatchVector finds every position of every code point", "[pattern_match_vector]") {
    std::mt19937 random(11);
    for (const Alphabet alphabet : parity::test::all_alphabets) {
        for (const std::size_t length : {0, 1, 2, 31, 63, 64}) {
            const std::u32string pattern = parity::test::random_string(random, alphabet, length);
            const detail::PatternMatchVector positions(pattern);
            for (const char32_t code_point : probes(random, pattern)) {
                const std::uint64_t expected = scanned_positions(pattern, code_point, 0);
                if (positions.get(code_point) != expected || *positions.row(code_point) != expected) {
                    FAIL(describe(pattern, code_point, 0)
                         << ": get " << positions.get(code_point) << ", row " << *positions.row(code_point)
                         << ", expected " << expected);
                }
            }
        }
    }
}

TEST_CASE("BlockPatternMatchVector finds every position of every code point", "[pattern_match_vector]") {
    std::mt19937 random(12);
    for (const Alphabet alphabet : parity::test::all_alphabets) {
        for (const std::size_t length : {1, 64, 65, 128, 129, 300}) {
            const std::u32string pattern = parity::test::random_string(random, alphabet, length);
            const detail::BlockPatternMatchVector positions(pattern);
            REQUIRE(positions.block_count() == (length + 63) / 64);
            for (const char32_t code_point : probes(random, pattern)) {
                for (std::size_t block = 0; block < positions.block_count(); ++block) {
                    const std::uint64_t expected =
                        scanned_positions(pattern, code_point, block * detail::word_bits);
                    if (positions.row(code_point)[block] != expected) {
                        FAIL(describe(pattern, code_point, block)
                             << ": " << positions.row(code_point)[block] << ", expected " << expected);
                    }
                }
            }
        }
    }
}
