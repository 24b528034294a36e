#include "parity/core/similarity/levenshtein.hpp"

#include <algorithm>
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

// Hyyrö's formulation of Myers' algorithm: vp / vn hold the vertical deltas (+1 / -1) of the
// current DP column down the pattern, and `distance` follows the last row. `pattern_length` is
// 1..64. Bits above the pattern only ever carry upwards, so they cannot disturb the result.
std::size_t levenshtein_word(const PatternMatchVector& pattern, std::size_t pattern_length,
                             std::u32string_view text) {
    std::uint64_t vp = all_ones;
    std::uint64_t vn = 0;
    std::size_t distance = pattern_length;
    const std::uint64_t last = std::uint64_t{1} << (pattern_length - 1);
    for (const char32_t code_point : text) {
        const std::uint64_t eq = pattern.get(code_point);
        const std::uint64_t d0 = (((eq & vp) + vp) ^ vp) | eq | vn;
        std::uint64_t hp = vn | ~(d0 | vp);
        std::uint64_t hn = d0 & vp;
        distance += (hp & last) != 0 ? 1 : 0;
        distance -= (hn & last) != 0 ? 1 : 0;
        hp = (hp << 1) | 1;  // row 0 of the DP matrix grows by one per text code point
        hn <<= 1;
        vp = hn | ~(d0 | hp);
        vn = hp & d0;
    }
    return distance;
}

// The same, one word per 64 pattern code points (Myers' block-based version): each block passes
// the horizontal delta at its top bit to the next block, which folds it into its own lowest bit.
std::size_t levenshtein_blocks(const BlockPatternMatchVector& pattern, std::size_t pattern_length,
                               std::u32string_view text) {
    const std::size_t block_count = pattern.block_count();
    std::vector<std::uint64_t> vp(block_count, all_ones);
    std::vector<std::uint64_t> vn(block_count, 0);
    std::size_t distance = pattern_length;
    const std::uint64_t last = std::uint64_t{1} << ((pattern_length - 1) % word_bits);
    constexpr unsigned top_bit = word_bits - 1;

    for (const char32_t code_point : text) {
        const std::uint64_t* eq_blocks = pattern.row(code_point);
        std::uint64_t hp_carry = 1;
        std::uint64_t hn_carry = 0;
        for (std::size_t block = 0; block < block_count; ++block) {
            const std::uint64_t x = eq_blocks[block] | hn_carry;
            const std::uint64_t d0 = (((x & vp[block]) + vp[block]) ^ vp[block]) | x | vn[block];
            std::uint64_t hp = vn[block] | ~(d0 | vp[block]);
            std::uint64_t hn = d0 & vp[block];

            const std::uint64_t hp_in = hp_carry;
            const std::uint64_t hn_in = hn_carry;
            if (block + 1 < block_count) {
                hp_carry = hp >> top_bit;
                hn_carry = hn >> top_bit;
            } else {
                distance += (hp & last) != 0 ? 1 : 0;
                distance -= (hn & last) != 0 ? 1 : 0;
            }
            hp = (hp << 1) | hp_in;
            hn = (hn << 1) | hn_in;
            vp[block] = hn | ~(d0 | hp);
            vn[block] = hp & d0;
        }
    }
    return distance;
}

double ratio_from_distance(std::size_t distance, std::size_t la, std::size_t lb) {
    // The oracle's formula, operation for operation.
    if (la == 0 && lb == 0) {
        return 1.0;
    }
    return 1.0 - static_cast<double>(distance) / static_cast<double>(std::max(la, lb));
}

}  // namespace

std::size_t levenshtein(std::u32string_view a, std::u32string_view b) {
    detail::remove_common_affix(a, b);
    if (a.size() > b.size()) {
        std::swap(a, b);  // the shorter one is the pattern: fewer words per step
    }
    if (a.empty()) {
        return b.size();
    }
    if (a.size() <= word_bits) {
        return levenshtein_word(PatternMatchVector(a), a.size(), b);
    }
    return levenshtein_blocks(BlockPatternMatchVector(a), a.size(), b);
}

double levenshtein_ratio(std::u32string_view a, std::u32string_view b) {
    return ratio_from_distance(levenshtein(a, b), a.size(), b.size());
}

std::size_t levenshtein(std::string_view a, std::string_view b) {
    return levenshtein(decode_utf8(a), decode_utf8(b));
}

double levenshtein_ratio(std::string_view a, std::string_view b) {
    return levenshtein_ratio(decode_utf8(a), decode_utf8(b));
}

CachedLevenshtein::CachedLevenshtein(std::u32string_view s1) : pattern_(s1) {}

std::size_t CachedLevenshtein::distance(std::u32string_view s2) const {
    if (pattern_.text.empty() || s2.empty()) {
        return pattern_.text.size() + s2.size();
    }
    if (pattern_.fits_word()) {
        return levenshtein_word(pattern_.word, pattern_.text.size(), s2);
    }
    return levenshtein_blocks(pattern_.blocks, pattern_.text.size(), s2);
}

double CachedLevenshtein::similarity(std::u32string_view s2) const {
    return ratio_from_distance(distance(s2), pattern_.text.size(), s2.size());
}

}  // namespace parity::core
