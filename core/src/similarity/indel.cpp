#include "parity/core/similarity/indel.hpp"

#include <bit>
#include <cstdint>
#include <utility>
#include <vector>

#include "parity/core/text/utf8.hpp"
#include "similarity/common_affix.hpp"

namespace parity::core {
namespace {

using detail::BlockPatternMatchVector;
using detail::PatternMatchVector;
using detail::word_bits;

constexpr std::uint64_t all_ones = ~std::uint64_t{0};

// Bit i of ~s is set when the LCS of the text read so far and the pattern's first i + 1 code
// points is one longer than with its first i: popcount(~s) is the LCS. Each step keeps, per
// run of set bits, the matches that extend a subsequence: s' = (s + (s & eq)) | (s & ~eq).
// `pattern_length` is 1..64; bits above it stay set (no matches there, and s & ~eq keeps them).
std::size_t lcs_word(const PatternMatchVector& pattern, std::size_t pattern_length,
                     std::u32string_view text) {
    std::uint64_t s = all_ones;
    for (const char32_t code_point : text) {
        const std::uint64_t matches = s & pattern.get(code_point);
        s = (s + matches) | (s - matches);
    }
    return static_cast<std::size_t>(std::popcount(~s & detail::low_bits(pattern_length)));
}

// The same over several words: the addition's carry runs from each block into the next.
std::size_t lcs_blocks(const BlockPatternMatchVector& pattern, std::u32string_view text) {
    const std::size_t block_count = pattern.block_count();
    std::vector<std::uint64_t> s(block_count, all_ones);
    for (const char32_t code_point : text) {
        const std::uint64_t* eq_blocks = pattern.row(code_point);
        std::uint64_t carry = 0;
        for (std::size_t block = 0; block < block_count; ++block) {
            const std::uint64_t matches = s[block] & eq_blocks[block];
            const std::uint64_t partial = s[block] + matches;
            const std::uint64_t sum = partial + carry;
            carry = (partial < s[block] || sum < partial) ? 1 : 0;
            s[block] = sum | (s[block] - matches);
        }
    }
    std::size_t length = 0;
    for (const std::uint64_t block : s) {
        length += static_cast<std::size_t>(std::popcount(~block));  // bits above the pattern stay set
    }
    return length;
}

// LCS with `pattern` as the bit-vector side; either may be empty.
std::size_t lcs_of_middles(std::u32string_view pattern, std::u32string_view text) {
    if (pattern.empty() || text.empty()) {
        return 0;
    }
    if (pattern.size() <= word_bits) {
        return lcs_word(PatternMatchVector(pattern), pattern.size(), text);
    }
    return lcs_blocks(BlockPatternMatchVector(pattern), text);
}

double ratio_from_distance(std::size_t distance, std::size_t total_length) {
    // The oracle's formula, operation for operation.
    if (total_length == 0) {
        return 1.0;
    }
    return 1.0 - static_cast<double>(distance) / static_cast<double>(total_length);
}

}  // namespace

std::size_t longest_common_subsequence(std::u32string_view a, std::u32string_view b) {
    const std::size_t affix = detail::remove_common_affix(a, b);
    if (a.size() > b.size()) {
        std::swap(a, b);  // the shorter one is the pattern: fewer words per step
    }
    return affix + lcs_of_middles(a, b);
}

std::size_t indel_distance(std::u32string_view a, std::u32string_view b) {
    return a.size() + b.size() - 2 * longest_common_subsequence(a, b);
}

double indel_ratio(std::u32string_view a, std::u32string_view b) {
    return ratio_from_distance(indel_distance(a, b), a.size() + b.size());
}

std::size_t indel_distance(std::string_view a, std::string_view b) {
    return indel_distance(decode_utf8(a), decode_utf8(b));
}

double indel_ratio(std::string_view a, std::string_view b) {
    return indel_ratio(decode_utf8(a), decode_utf8(b));
}

CachedIndel::CachedIndel(std::u32string_view s1) : pattern_(s1) {}

std::size_t CachedIndel::distance(std::u32string_view s2) const {
    std::size_t lcs = 0;
    if (pattern_.text.empty() || s2.empty()) {
        lcs = 0;
    } else if (pattern_.fits_word()) {
        lcs = lcs_word(pattern_.word, pattern_.text.size(), s2);
    } else {
        lcs = lcs_blocks(pattern_.blocks, s2);
    }
    return pattern_.text.size() + s2.size() - 2 * lcs;
}

double CachedIndel::similarity(std::u32string_view s2) const {
    return ratio_from_distance(distance(s2), pattern_.text.size() + s2.size());
}

}  // namespace parity::core
