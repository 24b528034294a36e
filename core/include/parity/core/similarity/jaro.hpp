#pragma once

// Jaro and Jaro-Winkler similarity with bit masks: the matches inside the window are flagged a
// machine word at a time and the transpositions counted by walking the flagged bits. Same results
// as the naive oracle (parity/core/oracle/jaro.hpp) bit for bit: same matches, same formula, same order.

#include <string>
#include <string_view>

#include "parity/core/similarity/detail/pattern_match_vector.hpp"

namespace parity::core {

/// Jaro similarity in [0, 1] over code points; match window `max(0, max(la, lb) / 2 - 1)`.
/// Both empty gives 1.0, exactly one empty 0.0.
///
///     jaro(U"martha", U"marhta") == 0.9444...
[[nodiscard]] double jaro(std::u32string_view a, std::u32string_view b);

/// Jaro-Winkler similarity: above 0.7, Jaro boosted by 0.1 per equal leading code point (at
/// most 4). At or below 0.7 the Jaro value unchanged.
///
///     jaro_winkler(U"martha", U"marhta") == 0.9611...
[[nodiscard]] double jaro_winkler(std::u32string_view a, std::u32string_view b);

/// UTF-8 overloads: decode both (std::invalid_argument on invalid UTF-8), then as above.
[[nodiscard]] double jaro(std::string_view a, std::string_view b);
[[nodiscard]] double jaro_winkler(std::string_view a, std::string_view b);

/// One string compared with many: its pattern-match vectors are built once, here, instead of
/// once per comparison. similarity(s2) == jaro(s1, s2). Immutable after construction, so one
/// instance may be shared between threads.
///
///     const CachedJaro name(U"martha");
///     name.similarity(U"marhta") == jaro(U"martha", U"marhta")
class CachedJaro {
  public:
    explicit CachedJaro(std::u32string_view s1);

    [[nodiscard]] double similarity(std::u32string_view s2) const;

    [[nodiscard]] std::u32string_view pattern() const noexcept {
        return pattern_.text;
    }

  private:
    detail::CachedPattern pattern_;
};

/// CachedJaro's Jaro-Winkler counterpart: similarity(s2) == jaro_winkler(s1, s2).
///
///     const CachedJaroWinkler first_name(U"martha");
///     first_name.similarity(U"marhta") == jaro_winkler(U"martha", U"marhta")
class CachedJaroWinkler {
  public:
    explicit CachedJaroWinkler(std::u32string_view s1) : jaro_(s1) {}

    [[nodiscard]] double similarity(std::u32string_view s2) const;

  private:
    CachedJaro jaro_;
};

}  // namespace parity::core
