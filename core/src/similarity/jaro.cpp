#include "parity/core/similarity/jaro.hpp"

#include <algorithm>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "parity/core/text/utf8.hpp"

namespace parity::core {
namespace {

using detail::BlockPatternMatchVector;
using detail::low_bits;
using detail::PatternMatchVector;
using detail::word_bits;

constexpr double winkler_threshold = 0.7;
constexpr double winkler_prefix_weight = 0.1;
constexpr std::size_t winkler_max_prefix = 4;

struct JaroCounts {
    std::size_t matches = 0;
    std::size_t transpositions = 0;
};

// max(0, max(la, lb) / 2 - 1) without unsigned wrap-around.
std::size_t match_window(std::size_t la, std::size_t lb) {
    const std::size_t half = std::max(la, lb) / 2;
    return half > 0 ? half - 1 : 0;
}

constexpr std::uint64_t lowest_bit(std::uint64_t bits) {
    return bits & (~bits + 1);
}

// Why either string may play the pattern: the oracle lets each a[i], in order, take the first
// unmatched equal b[j] with |i - j| <= window. Per code point that is a two-pointer merge of the
// two position lists, and reading b first (each b[j] taking the first unmatched equal a[i]) runs
// the very same merge. So the flagged positions are the oracle's on both sides; here the text
// takes, for each of its code points in order, the lowest unflagged pattern position in its window.

// Pattern and text of 1..64 code points each, so window <= 31. Branch-free: the window slides
// one bit per text code point, and positions past the pattern's end never match (their bits are
// 0 in every pattern-match vector), so the window need not be clipped there.
JaroCounts count_matches_word(const PatternMatchVector& positions, std::u32string_view pattern,
                              std::u32string_view text, std::size_t window) {
    std::uint64_t pattern_flags = 0;
    std::uint64_t text_flags = 0;
    std::uint64_t in_window = low_bits(window + 1);  // pattern positions [j - window, j + window]
    std::size_t j = 0;
    for (; j < std::min(window, text.size()); ++j) {  // windows that start at position 0
        const std::uint64_t candidates = positions.get(text[j]) & in_window & ~pattern_flags;
        pattern_flags |= lowest_bit(candidates);
        text_flags |= static_cast<std::uint64_t>(candidates != 0) << j;
        in_window = (in_window << 1) | 1;
    }
    for (; j < text.size(); ++j) {
        const std::uint64_t candidates = positions.get(text[j]) & in_window & ~pattern_flags;
        pattern_flags |= lowest_bit(candidates);
        text_flags |= static_cast<std::uint64_t>(candidates != 0) << j;
        in_window <<= 1;
    }

    // The k-th flagged code point of the pattern against the k-th of the text.
    JaroCounts counts{static_cast<std::size_t>(std::popcount(text_flags)), 0};
    std::size_t mismatches = 0;
    while (text_flags != 0) {
        const auto pattern_position = static_cast<std::size_t>(std::countr_zero(pattern_flags));
        const auto text_position = static_cast<std::size_t>(std::countr_zero(text_flags));
        mismatches += pattern[pattern_position] != text[text_position] ? 1 : 0;
        pattern_flags &= pattern_flags - 1;
        text_flags &= text_flags - 1;
    }
    counts.transpositions = mismatches / 2;
    return counts;
}

// Any lengths: the flags span several words, and each text code point searches the words its
// window covers. `Positions` is a PatternMatchVector or a BlockPatternMatchVector of `pattern`.
template <typename Positions>
JaroCounts count_matches_blocks(const Positions& positions, std::u32string_view pattern,
                                std::u32string_view text, std::size_t window) {
    std::vector<std::uint64_t> pattern_flags(positions.block_count(), 0);
    std::vector<std::uint64_t> text_flags((text.size() + word_bits - 1) / word_bits, 0);
    for (std::size_t j = 0; j < text.size(); ++j) {
        const std::size_t first = j > window ? j - window : 0;
        if (first >= pattern.size()) {
            break;
        }
        const std::size_t last = std::min(j + window, pattern.size() - 1);
        const std::uint64_t* occurrences = positions.row(text[j]);
        const std::size_t first_block = first / word_bits;
        const std::size_t last_block = last / word_bits;
        for (std::size_t block = first_block; block <= last_block; ++block) {
            std::uint64_t candidates = occurrences[block] & ~pattern_flags[block];
            if (block == first_block) {
                candidates &= ~low_bits(first % word_bits);
            }
            if (block == last_block) {
                candidates &= low_bits(last % word_bits + 1);
            }
            if (candidates != 0) {
                pattern_flags[block] |= lowest_bit(candidates);
                text_flags[j / word_bits] |= std::uint64_t{1} << (j % word_bits);
                break;
            }
        }
    }

    JaroCounts counts;
    std::size_t mismatches = 0;
    std::size_t pattern_block = 0;
    std::uint64_t pattern_bits = pattern_flags[0];
    for (std::size_t text_block = 0; text_block < text_flags.size(); ++text_block) {
        std::uint64_t text_bits = text_flags[text_block];
        counts.matches += static_cast<std::size_t>(std::popcount(text_bits));
        while (text_bits != 0) {
            while (pattern_bits == 0) {
                pattern_bits = pattern_flags[++pattern_block];
            }
            const std::size_t i =
                pattern_block * word_bits + static_cast<std::size_t>(std::countr_zero(pattern_bits));
            const std::size_t j =
                text_block * word_bits + static_cast<std::size_t>(std::countr_zero(text_bits));
            mismatches += pattern[i] != text[j] ? 1 : 0;
            pattern_bits &= pattern_bits - 1;
            text_bits &= text_bits - 1;
        }
    }
    counts.transpositions = mismatches / 2;
    return counts;
}

// The oracle's formula, operation for operation.
double jaro_from_counts(const JaroCounts& counts, std::size_t la, std::size_t lb) {
    if (counts.matches == 0) {
        return 0.0;
    }
    const auto m = static_cast<double>(counts.matches);
    return ((m / static_cast<double>(la) + m / static_cast<double>(lb)) +
            static_cast<double>(counts.matches - counts.transpositions) / m) /
           3.0;
}

double winkler_boost(double similarity, std::u32string_view a, std::u32string_view b) {
    if (similarity <= winkler_threshold) {
        return similarity;
    }
    const std::size_t limit = std::min({winkler_max_prefix, a.size(), b.size()});
    std::size_t prefix = 0;
    while (prefix < limit && a[prefix] == b[prefix]) {
        ++prefix;
    }
    return similarity + (static_cast<double>(prefix) * winkler_prefix_weight) * (1.0 - similarity);
}

}  // namespace

double jaro(std::u32string_view a, std::u32string_view b) {
    if (a.empty() && b.empty()) {
        return 1.0;
    }
    if (a.empty() || b.empty()) {
        return 0.0;
    }
    const std::size_t window = match_window(a.size(), b.size());
    if (a.size() <= word_bits && b.size() <= word_bits) {
        return jaro_from_counts(count_matches_word(PatternMatchVector(a), a, b, window), a.size(), b.size());
    }
    // The shorter one as the pattern: fewer words to build, and the text stops past its end.
    const std::u32string_view pattern = a.size() <= b.size() ? a : b;
    const std::u32string_view text = a.size() <= b.size() ? b : a;
    const JaroCounts counts =
        pattern.size() <= word_bits
            ? count_matches_blocks(PatternMatchVector(pattern), pattern, text, window)
            : count_matches_blocks(BlockPatternMatchVector(pattern), pattern, text, window);
    return jaro_from_counts(counts, a.size(), b.size());
}

double jaro_winkler(std::u32string_view a, std::u32string_view b) {
    return winkler_boost(jaro(a, b), a, b);
}

double jaro(std::string_view a, std::string_view b) {
    return jaro(decode_utf8(a), decode_utf8(b));
}

double jaro_winkler(std::string_view a, std::string_view b) {
    return jaro_winkler(decode_utf8(a), decode_utf8(b));
}

CachedJaro::CachedJaro(std::u32string_view s1) : pattern_(s1) {}

double CachedJaro::similarity(std::u32string_view s2) const {
    if (pattern_.text.empty() && s2.empty()) {
        return 1.0;
    }
    if (pattern_.text.empty() || s2.empty()) {
        return 0.0;
    }
    const std::size_t window = match_window(pattern_.text.size(), s2.size());
    JaroCounts counts;
    if (!pattern_.fits_word()) {
        counts = count_matches_blocks(pattern_.blocks, pattern_.text, s2, window);
    } else if (s2.size() > word_bits) {
        counts = count_matches_blocks(pattern_.word, pattern_.text, s2, window);
    } else {
        counts = count_matches_word(pattern_.word, pattern_.text, s2, window);
    }
    return jaro_from_counts(counts, pattern_.text.size(), s2.size());
}

double CachedJaroWinkler::similarity(std::u32string_view s2) const {
    return winkler_boost(jaro_.similarity(s2), jaro_.pattern(), s2);
}

}  // namespace parity::core
