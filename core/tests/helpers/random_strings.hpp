#pragma once

// Deterministic random strings for checking the fast metrics against their oracles: many
// lengths (those around the 64-code-point word boundary above all), alphabets from two letters
// to the whole of Unicode, pairs that are unrelated and pairs that are near copies.

#include <cstddef>
#include <cstdint>
#include <random>
#include <string>
#include <string_view>
#include <vector>

namespace parity::test {

/// Code point pools to draw from. Each mixes in a few Python whitespace code points (and
/// near misses such as U+200B) so that token-based metrics see every kind of separator.
enum class Alphabet {
    binary,       // "ab": long runs of repeats, many equal-score choices
    small_words,  // "abc" and a space: short repeated tokens
    ascii,        // printable ASCII
    latin1,       // U+00A0..U+00FF and ASCII letters: the 256-entry table's upper half
    cjk,          // 48 CJK ideographs: the hash map, with repeats
    emoji,        // code points above U+FFFF
    unicode,      // anything but surrogates: nearly all distinct, hash map collisions
    mixed,        // all of the above
};

inline constexpr Alphabet all_alphabets[] = {
    Alphabet::binary, Alphabet::small_words, Alphabet::ascii,   Alphabet::latin1,
    Alphabet::cjk,    Alphabet::emoji,       Alphabet::unicode, Alphabet::mixed,
};

/// Lengths on and around the word boundaries (63, 64, 65, 127, 128, 129, ...) and the extremes.
inline constexpr std::size_t boundary_lengths[] = {0,  1,  2,   3,   7,   31,  32,  33,  63,
                                                   64, 65, 100, 127, 128, 129, 192, 193, 200};

struct StringPair {
    std::u32string a;
    std::u32string b;
};

/// `length` code points drawn from `alphabet`.
[[nodiscard]] std::u32string random_string(std::mt19937& random, Alphabet alphabet, std::size_t length);

/// A near copy of `text`: a few substitutions, insertions, deletions, adjacent swaps and moved
/// chunks (which also reorder words), drawing new code points from `alphabet`.
[[nodiscard]] std::u32string mutate(std::mt19937& random, Alphabet alphabet, std::u32string_view text);

/// The fixed corpus every metric is checked on (1552 pairs, lengths 0..200): for every
/// alphabet, each boundary length against unrelated strings and near copies, then random lengths
/// skewed towards short strings. The same seed always gives the same pairs.
[[nodiscard]] std::vector<StringPair> random_string_pairs(std::uint32_t seed = 20240601);

/// Every string over `alphabet` of length 0..max_length, shortest first.
[[nodiscard]] std::vector<std::u32string> all_strings(std::u32string_view alphabet, std::size_t max_length);

}  // namespace parity::test
