#pragma once

// Unicode normalization forms and full case folding exactly as Python 3.11 computes them
// (`unicodedata.normalize`, `str.casefold`, Unicode 14), built on utf8proc 2.8 (Unicode 15).
//
// utf8proc's own entry points cannot be used as they are: its fused NFKC_Casefold also drops default
// ignorable code points, it knows Unicode 15, and its composition swallows U+11A7 after a Hangul LV
// syllable. So this layer takes only per-code-point data from utf8proc (decompositions, case
// foldings) plus its composition step on runs where that step is correct, and does the rest itself.

#include <string>
#include <string_view>

namespace parity::core::text {

enum class NormalizationForm { nfc, nfkc, nfkd };

/// Replaces `output` with `input` in the given normalization form, as
/// `unicodedata.normalize("NFKC", input)` etc. `input` must not view `output`.
/// Throws std::invalid_argument for a value above U+10FFFF.
void normalize_into(std::u32string_view input, NormalizationForm form, std::u32string& output);

/// Replaces `output` with the full case folding of `input`, as `str.casefold()`: `ß` → `ss`.
/// `input` must not view `output`.
void casefold_into(std::u32string_view input, std::u32string& output);

/// True when every code point is ASCII, where normalization is the identity and case folding is
/// lowercasing.
[[nodiscard]] bool is_ascii(std::u32string_view text) noexcept;

/// Lowercase of an ASCII code point (others unchanged).
[[nodiscard]] constexpr char32_t ascii_lower(char32_t code_point) noexcept {
    return (code_point >= U'A' && code_point <= U'Z') ? code_point + (U'a' - U'A') : code_point;
}

}  // namespace parity::core::text
