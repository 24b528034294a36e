#pragma once

// Naive token-based ratios (word order and repetition insensitive), built on indel_ratio:
// the reference for faster versions. Tokens are split on Python's str.isspace() code points.

#include <string_view>

namespace parity::core::oracle {

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

}  // namespace parity::core::oracle
