#pragma once

// Naive Jaro and Jaro-Winkler similarity: the reference that faster versions are tested against.
// Bit-identical to the Python reference (importer.matching.similarity): same operations, same
// order, in double.

#include <string_view>

namespace parity::core::oracle {

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

}  // namespace parity::core::oracle
