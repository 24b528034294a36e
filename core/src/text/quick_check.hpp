#pragma once

// Which steps can change a code point, so that normalization and case folding skip the code points and
// texts they would leave unchanged: the idea of UAX #15's quick check, kept conservative. A "no" is a
// guarantee for Unicode 14 (code points new in Unicode 15 pass through unchanged); a "may" only sends
// the code point or text down the full path, so it may err on the safe side.

#include <cstdint>
#include <string_view>

#include "normalization_forms.hpp"

namespace parity::core::text::quick_check {

enum class Step : std::uint8_t {
    case_folding = 1U << 0,             // str.casefold() maps the code point to something else
    decomposition = 1U << 1,            // NFKD does (a compatibility or canonical decomposition)
    canonical_decomposition = 1U << 2,  // NFD does
    reordering = 1U << 3,               // a non-zero combining class: canonical ordering may move it
    nfc = 1U << 4,                      // NFC may change a text holding it
    nfkc = 1U << 5,                     // NFKC may change a text holding it
};

/// The precomposed Hangul syllables, U+AC00 to U+D7A3. They decompose algorithmically into
/// conjoining jamo (utf8proc stores no mapping for them), which NFC joins again.
inline constexpr char32_t hangul_syllables_begin = 0xAC00;
inline constexpr char32_t hangul_syllables_end = 0xD7A4;

[[nodiscard]] constexpr bool is_hangul_syllable(char32_t code_point) noexcept {
    return code_point >= hangul_syllables_begin && code_point < hangul_syllables_end;
}

/// False when `step` certainly leaves `code_point` unchanged (and, for nfc / nfkc, its neighbours).
///
///     may_change(U'é', Step::nfc) == false       // é is already composed
///     may_change(U'\u0301', Step::nfc) == true   // composes with a letter before it
[[nodiscard]] bool may_change(char32_t code_point, Step step);

/// True when no step changes `code_point`, nor NFC or NFKC its neighbours through it: no
/// decomposition, no case folding, combining class 0, never the second of a composition.
///
///     is_inert(U'\u611b') == true    // 愛
///     is_inert(U'\u00e9') == false   // é decomposes
[[nodiscard]] bool is_inert(char32_t code_point);

/// True when normalizing `text` to `form` certainly returns it unchanged.
///
/// The first call builds the table (planes 0 to 2, one byte per code point, stored as a CodePointTable)
/// from utf8proc.
[[nodiscard]] bool is_normalized(std::u32string_view text, NormalizationForm form);

}  // namespace parity::core::text::quick_check
