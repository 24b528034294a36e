#include "unicode14.hpp"

#include <utf8proc.h>

#include <cstddef>
#include <iterator>

namespace parity::core::text::unicode14 {
namespace {

struct CodePointRange {
    char32_t first;
    char32_t last;  // inclusive
};

// unassigned_in_unicode14_ranges, generated; also asserts the utf8proc version it was generated for.
#include "unicode14_table.inc"

// The first code point Unicode 15 added: below it, nothing to look up.
constexpr char32_t first_unassigned_in_unicode14 = unassigned_in_unicode14_ranges[0].first;

// Below U+0300 every combining class is 0.
constexpr char32_t first_combining_mark = 0x0300;

static_assert(static_cast<int>(GeneralCategory::unassigned) == UTF8PROC_CATEGORY_CN);
static_assert(static_cast<int>(GeneralCategory::decimal_number) == UTF8PROC_CATEGORY_ND);
static_assert(static_cast<int>(GeneralCategory::space_separator) == UTF8PROC_CATEGORY_ZS);
static_assert(static_cast<int>(GeneralCategory::private_use) == UTF8PROC_CATEGORY_CO);
static_assert(major_class(GeneralCategory::private_use) == 'C' &&
              major_class(GeneralCategory::paragraph_separator) == 'Z');

}  // namespace

bool is_unassigned_in_unicode14(char32_t code_point) noexcept {
    if (code_point < first_unassigned_in_unicode14) {
        return false;
    }
    // Binary search for the first range ending at or after the code point. A plain loop: this runs
    // several times per code point, and stays cheap in unoptimized (Debug) builds too.
    std::size_t low = 0;
    std::size_t high = std::size(unassigned_in_unicode14_ranges);
    while (low < high) {
        const std::size_t middle = low + (high - low) / 2;
        if (unassigned_in_unicode14_ranges[middle].last < code_point) {
            low = middle + 1;
        } else {
            high = middle;
        }
    }
    return low < std::size(unassigned_in_unicode14_ranges) &&
           unassigned_in_unicode14_ranges[low].first <= code_point;
}

CharacterProperties properties(char32_t code_point) noexcept {
    if (is_unassigned_in_unicode14(code_point)) {
        return {GeneralCategory::unassigned, 0};
    }
    const utf8proc_property_t* property = utf8proc_get_property(static_cast<utf8proc_int32_t>(code_point));
    return {static_cast<GeneralCategory>(property->category),
            static_cast<std::uint8_t>(property->combining_class)};
}

std::uint8_t combining_class(char32_t code_point) noexcept {
    if (code_point < first_combining_mark || is_unassigned_in_unicode14(code_point)) {
        return 0;
    }
    return static_cast<std::uint8_t>(
        utf8proc_get_property(static_cast<utf8proc_int32_t>(code_point))->combining_class);
}

}  // namespace parity::core::text::unicode14
