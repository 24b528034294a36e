#pragma once

// Token-based ratios (word order and repetition insensitive) on the fast Indel distance. Same
// results as the naive oracle (parity/core/oracle/token_ratio.hpp) bit for bit. Tokens are split
// on Python's str.isspace() code points and sorted by code point, as Python sorts str.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "parity/core/similarity/indel.hpp"

namespace parity::core {

/// indel_ratio of the two token lists, each sorted by code point and joined by single spaces.
///
///     token_sort_ratio(U"fuzzy wuzzy was a bear", U"wuzzy fuzzy was a bear") == 1.0
[[nodiscard]] double token_sort_ratio(std::u32string_view a, std::u32string_view b);

/// Compares the shared tokens with each side's full token set. With sect = sorted(A & B),
/// ja = sect + sorted(A - B), jb = sect + sorted(B - A), each joined by single spaces:
/// max(indel_ratio(sect, ja), indel_ratio(sect, jb), indel_ratio(ja, jb)).
/// Both without tokens gives 1.0, exactly one 0.0.
///
///     token_set_ratio(U"fuzzy was a bear", U"fuzzy fuzzy was a bear") == 1.0
[[nodiscard]] double token_set_ratio(std::u32string_view a, std::u32string_view b);

/// UTF-8 overloads: decode both (std::invalid_argument on invalid UTF-8), then as above.
[[nodiscard]] double token_sort_ratio(std::string_view a, std::string_view b);
[[nodiscard]] double token_set_ratio(std::string_view a, std::string_view b);

/// One string compared with many: s1 is split, sorted and joined once, and its Indel pattern
/// built once. similarity(s2) == token_sort_ratio(s1, s2). Immutable after construction.
///
///     const CachedTokenSortRatio street(U"high street 10");
///     street.similarity(U"10 high street") == 1.0
class CachedTokenSortRatio {
  public:
    explicit CachedTokenSortRatio(std::u32string_view s1);

    [[nodiscard]] double similarity(std::u32string_view s2) const;

  private:
    CachedIndel sorted_s1_;
};

/// One string compared with many: s1's token set is split and sorted once.
/// similarity(s2) == token_set_ratio(s1, s2). Immutable after construction.
///
///     const CachedTokenSetRatio street(U"flat 2 10 high street");
///     street.similarity(U"10 high street") == 1.0
class CachedTokenSetRatio {
  public:
    explicit CachedTokenSetRatio(std::u32string_view s1);

    [[nodiscard]] double similarity(std::u32string_view s2) const;

  private:
    struct TokenSpan {
        std::size_t offset;
        std::size_t length;
    };
    // s1's distinct tokens, sorted, as spans of one string: no views to dangle when this moves.
    std::u32string tokens_text_;
    std::vector<TokenSpan> tokens_;
};

}  // namespace parity::core
