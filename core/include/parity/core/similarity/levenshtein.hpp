#pragma once

// Levenshtein distance, bit-parallel (Myers 1999 / Hyyrö 2003): one machine word per 64 code
// points of the shorter string instead of one cell per pair of code points. Same results as the
// naive oracle (parity/core/oracle/levenshtein.hpp), ratios included bit for bit.

#include <cstddef>
#include <string>
#include <string_view>

#include "parity/core/similarity/detail/pattern_match_vector.hpp"

namespace parity::core {

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

/// One string compared with many: its pattern-match vectors are built once, here, instead of
/// once per comparison. Results equal levenshtein(s1, s2) and levenshtein_ratio(s1, s2).
/// Immutable after construction, so one instance may be shared between threads.
///
///     const CachedLevenshtein street(U"high street");
///     street.distance(U"hihg street") == 2
class CachedLevenshtein {
  public:
    explicit CachedLevenshtein(std::u32string_view s1);

    [[nodiscard]] std::size_t distance(std::u32string_view s2) const;
    /// levenshtein_ratio(s1, s2).
    [[nodiscard]] double similarity(std::u32string_view s2) const;

  private:
    detail::CachedPattern pattern_;
};

}  // namespace parity::core
