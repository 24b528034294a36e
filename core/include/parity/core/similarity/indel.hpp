#pragma once

// Indel distance (insertions and deletions only) through a bit-parallel longest common
// subsequence (Allison-Dix / Hyyrö): one machine word per 64 code points of the shorter string.
// Same results as the naive oracle (parity/core/oracle/indel.hpp), ratios included bit for bit.

#include <cstddef>
#include <string>
#include <string_view>

#include "parity/core/similarity/detail/pattern_match_vector.hpp"

namespace parity::core {

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

/// One string compared with many: its pattern-match vectors are built once, here. Results equal
/// indel_distance(s1, s2) and indel_ratio(s1, s2). Immutable after construction, so one instance
/// may be shared between threads.
///
///     const CachedIndel kitten(U"kitten");
///     kitten.distance(U"sitting") == 5
class CachedIndel {
  public:
    explicit CachedIndel(std::u32string_view s1);

    [[nodiscard]] std::size_t distance(std::u32string_view s2) const;
    /// indel_ratio(s1, s2).
    [[nodiscard]] double similarity(std::u32string_view s2) const;

  private:
    detail::CachedPattern pattern_;
};

}  // namespace parity::core
