#pragma once

// Naive Levenshtein distance (Wagner-Fischer): the reference for faster versions.

#include <cstddef>
#include <string_view>

namespace parity::core::oracle {

/// Unit-cost edit distance (insertions, deletions, substitutions) over code points.
///
///     levenshtein(U"kitten", U"sitting") == 3
[[nodiscard]] std::size_t levenshtein(std::u32string_view a, std::u32string_view b);

/// `1 - distance / max(la, lb)`; 1.0 when both are empty.
///
///     levenshtein_ratio(U"kitten", U"sitting") == 1.0 - 3.0 / 7.0
[[nodiscard]] double levenshtein_ratio(std::u32string_view a, std::u32string_view b);

/// UTF-8 overloads: decode both (std::invalid_argument on invalid UTF-8), then as above.
[[nodiscard]] std::size_t levenshtein(std::string_view a, std::string_view b);
[[nodiscard]] double levenshtein_ratio(std::string_view a, std::string_view b);

}  // namespace parity::core::oracle
