#pragma once

// The first three steps of normalize_text (NFKC, case folding, NFKD), tabulated per code point for
// the Latin blocks. Below U+0250 no code point is a combining mark, and each one's NFKC starts with
// a starter, so on a text made only of them the three steps act code point by code point: nothing
// composes or reorders across two of them. The steps then cost one table look-up per code point
// instead of three passes through utf8proc (tested exhaustively on every pair of code points).

#include <string>
#include <string_view>

namespace parity::core::text::latin_fold {

/// The table covers the code points below this: Latin-1, Latin Extended-A and Latin Extended-B.
inline constexpr char32_t table_end = 0x250;

/// True when every code point of `text` is in the table.
[[nodiscard]] bool covers(std::u32string_view text) noexcept;

/// Replaces `output` with NFKD(casefold(NFKC(text))), for a text that covers() accepts.
///
///     fold_into(U"Éß½", output);  // output == U"e\u0301ss1\u20442"
void fold_into(std::u32string_view text, std::u32string& output);

}  // namespace parity::core::text::latin_fold
