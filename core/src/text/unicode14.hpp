#pragma once

// Character properties as Python 3.11's unicodedata (Unicode 14.0) gives them, read from utf8proc 2.8
// (Unicode 15.0). The only difference between the two on any code point is the set of code points
// Unicode 15 assigned (core/tools/generate_unicode14_table.py checks this and generates the set): to
// Unicode 14 they are unassigned, so they have no properties at all (docs/matching.md section 8).

#include <cstdint>

namespace parity::core::text::unicode14 {

/// Unicode general categories by their long names (Lu is uppercase_letter), in utf8proc_category_t's
/// order (checked in unicode14.cpp).
enum class GeneralCategory : std::uint8_t {
    // clang-format off
    unassigned,
    uppercase_letter, lowercase_letter, titlecase_letter, modifier_letter, other_letter,
    nonspacing_mark, spacing_mark, enclosing_mark,
    decimal_number, letter_number, other_number,
    connector_punctuation, dash_punctuation, open_punctuation, close_punctuation,
    initial_punctuation, final_punctuation, other_punctuation,
    math_symbol, currency_symbol, modifier_symbol, other_symbol,
    space_separator, line_separator, paragraph_separator,
    control, format, surrogate, private_use,
    // clang-format on
};

/// The major class of a category, its first letter: 'L', 'M', 'N', 'P', 'S', 'Z' or 'C'. As Python's
/// `unicodedata.category(c)[0]`.
[[nodiscard]] constexpr char major_class(GeneralCategory category) noexcept {
    constexpr char major_classes[] = "CLLLLLMMMNNNPPPPPPPSSSSZZZCCCC";  // indexed by GeneralCategory
    return major_classes[static_cast<int>(category)];
}

struct CharacterProperties {
    GeneralCategory category;
    std::uint8_t combining_class;  // canonical combining class, 0..240
};

/// True for a code point that Unicode 14 leaves unassigned but utf8proc's Unicode 15 assigns: such a code
/// point passes through every normalization step unchanged.
///
///     is_unassigned_in_unicode14(U'\U0001E030') == true   // MODIFIER LETTER CYRILLIC SMALL A, new in 15.0
[[nodiscard]] bool is_unassigned_in_unicode14(char32_t code_point) noexcept;

/// Category and combining class as `unicodedata.category(c)` and `unicodedata.combining(c)` give them.
[[nodiscard]] CharacterProperties properties(char32_t code_point) noexcept;

/// `unicodedata.combining(c)`.
[[nodiscard]] std::uint8_t combining_class(char32_t code_point) noexcept;

}  // namespace parity::core::text::unicode14
