#pragma once

// Naive Indel distance (insertions and deletions only, via the longest common subsequence):
// the reference for faster versions.

#include <cstddef>
#include <string_view>

namespace parity::core::oracle {

/// Length of the longest common subsequence of code points.
///
///     longest_common_subsequence(U"abcd", U"acbd") == 3
[[nodiscard]] std::size_t longest_common_subsequence(std::u32string_view a, std::u32string_view b);

/// Insertions plus deletions turning a into b: `la + lb - 2 * LCS(a, b)`.
///
///     indel_distance(U"kitten", U"sitting") == 5
[[nodiscard]] std::size_t indel_distance(std::u32string_view a, std::u32string_view b);

/// `1 - indel_distance / (la + lb)`; 1.0 when both are empty.
///
///     indel_ratio(U"kitten", U"sitting") == 1.0 - 5.0 / 13.0
[[nodiscard]] double indel_ratio(std::u32string_view a, std::u32string_view b);

/// UTF-8 overloads: decode both (std::invalid_argument on invalid UTF-8), then as above.
[[nodiscard]] std::size_t indel_distance(std::string_view a, std::string_view b);
[[nodiscard]] double indel_ratio(std::string_view a, std::string_view b);

}  // namespace parity::core::oracle
