#include "quick_check.hpp"

#include <utf8proc.h>

#include <algorithm>
#include <array>
#include <cstddef>
#include <utility>
#include <vector>

#include "code_point_table.hpp"
#include "unicode14.hpp"

namespace parity::core::text::quick_check {
namespace {

constexpr char32_t ascii_end = 0x80;

// The table covers planes 0 to 2, where every decomposition, case folding and combining mark is;
// building it checks that above, no code point has any (then they change in no step).
constexpr char32_t table_end = 0x30000;
constexpr char32_t code_point_end = 0x110000;

// Conjoining vowels and trailing consonants compose with what precedes them (is_hangul_syllable, in
// the header, for the syllables they make).
constexpr char32_t hangul_vowels_begin = 0x1161;
constexpr char32_t hangul_vowels_end = 0x1176;
constexpr char32_t hangul_trailing_begin = 0x11A8;  // not U+11A7: Unicode composes nothing with it
constexpr char32_t hangul_trailing_end = 0x11C3;

constexpr std::size_t mapping_buffer_size = 32;  // more than the longest decomposition (18)

constexpr std::uint8_t bit(Step step) noexcept {
    return static_cast<std::uint8_t>(step);
}

constexpr std::uint8_t all_steps = 0xFF;

// A code point's full decomposition (canonical, or also compatibility), in canonical order.
struct Decomposition {
    std::array<utf8proc_int32_t, mapping_buffer_size> code_points{};
    std::size_t size = 0;
};

Decomposition decompose(char32_t code_point, bool compatibility) noexcept {
    Decomposition decomposition;
    int boundclass = 0;
    const auto options = static_cast<utf8proc_option_t>(compatibility ? (UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT)
                                                                      : UTF8PROC_DECOMPOSE);
    const utf8proc_ssize_t length = utf8proc_decompose_char(
        static_cast<utf8proc_int32_t>(code_point), decomposition.code_points.data(),
        static_cast<utf8proc_ssize_t>(decomposition.code_points.size()), options, &boundclass);
    decomposition.size = length > 0 ? static_cast<std::size_t>(length) : 0;
    // utf8proc expands mappings recursively without reordering: a stable insertion sort by class.
    auto& points = decomposition.code_points;
    for (std::size_t i = 1; i < decomposition.size; ++i) {
        const utf8proc_int32_t moving = points[i];
        const auto moving_class = utf8proc_get_property(moving)->combining_class;
        std::size_t position = i;
        while (moving_class != 0 && position > 0 &&
               utf8proc_get_property(points[position - 1])->combining_class > moving_class) {
            points[position] = points[position - 1];
            --position;
        }
        points[position] = moving;
    }
    return decomposition;
}

// NFC (or NFKC) of the one-code-point text is the code point itself.
bool composes_back(char32_t code_point, bool compatibility) noexcept {
    Decomposition decomposition = decompose(code_point, compatibility);
    const utf8proc_ssize_t length = utf8proc_normalize_utf32(
        decomposition.code_points.data(), static_cast<utf8proc_ssize_t>(decomposition.size),
        static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPOSE));
    return length == 1 && decomposition.code_points[0] == static_cast<utf8proc_int32_t>(code_point);
}

// Whether NFC (or NFKC) may change a text holding this starter. Not when it composes back to itself
// from its decomposition (if it has one) and that decomposition does not start with a code point that
// may compose with the end of the text before it.
bool may_change_when_composing(char32_t code_point, bool decomposes, bool compatibility,
                               const std::vector<bool>& may_be_second) noexcept {
    if (!decomposes) {
        return may_be_second[code_point];
    }
    if (is_hangul_syllable(code_point)) {
        return false;  // composed again, and starting with a leading consonant
    }
    if (!composes_back(code_point, compatibility)) {
        return true;
    }
    const auto first = static_cast<char32_t>(decompose(code_point, compatibility).code_points[0]);
    return first >= table_end || may_be_second[first];
}

// Code points from table_end on have no decomposition, no case folding and combining class 0: true of
// Unicode 14 and 15, checked rather than assumed.
bool tail_is_inert() noexcept {
    for (char32_t code_point = table_end; code_point < code_point_end; ++code_point) {
        const utf8proc_property_t* property =
            utf8proc_get_property(static_cast<utf8proc_int32_t>(code_point));
        if (property->decomp_seqindex != UINT16_MAX || property->casefold_seqindex != UINT16_MAX ||
            property->combining_class != 0) {
            return false;
        }
    }
    return true;
}

// The flags as build_flags() computes them, kept compact (see CodePointTable).
struct Table {
    CodePointTable flags;     // of the code points below table_end
    std::uint8_t tail_flags;  // of every code point from table_end on
};

struct FlatTable {
    std::vector<std::uint8_t> flags;
    std::uint8_t tail_flags;
};

FlatTable build_flags() {
    std::vector<std::uint8_t> flags(table_end, 0);
    // Code points that may be the second of a composition pair: every code point after the first in a
    // canonical decomposition (a superset of the pairs' seconds), and Hangul V and T jamo.
    std::vector<bool> may_be_second(table_end, false);
    for (char32_t c = hangul_vowels_begin; c < hangul_vowels_end; ++c) {
        may_be_second[c] = true;
    }
    for (char32_t c = hangul_trailing_begin; c < hangul_trailing_end; ++c) {
        may_be_second[c] = true;
    }

    for (char32_t code_point = 0; code_point < table_end; ++code_point) {
        if (unicode14::is_unassigned_in_unicode14(code_point)) {
            continue;  // passes through every step
        }
        const utf8proc_property_t* property =
            utf8proc_get_property(static_cast<utf8proc_int32_t>(code_point));
        const bool hangul = is_hangul_syllable(code_point);
        const bool decomposes = property->decomp_seqindex != UINT16_MAX || hangul;
        const bool decomposes_canonically = (decomposes && property->decomp_type == 0) || hangul;
        std::uint8_t code_point_flags = 0;
        if (property->casefold_seqindex != UINT16_MAX) {
            code_point_flags |= bit(Step::case_folding);
        }
        if (decomposes) {
            code_point_flags |= bit(Step::decomposition);
        }
        if (decomposes_canonically) {
            code_point_flags |= bit(Step::canonical_decomposition);
            const Decomposition decomposition = decompose(code_point, false);
            for (std::size_t i = 1; i < decomposition.size; ++i) {
                const auto second = static_cast<char32_t>(decomposition.code_points[i]);
                if (second >= table_end) {
                    // Not so in Unicode 15; were it ever, the quick check would be off for everything.
                    return {std::vector<std::uint8_t>(table_end, all_steps), all_steps};
                }
                may_be_second[second] = true;
            }
        }
        if (property->combining_class != 0) {
            code_point_flags |= bit(Step::reordering) | bit(Step::nfc) | bit(Step::nfkc);
        }
        flags[code_point] = code_point_flags;
    }

    for (char32_t code_point = 0; code_point < table_end; ++code_point) {
        std::uint8_t& code_point_flags = flags[code_point];
        if ((code_point_flags & bit(Step::reordering)) != 0) {
            continue;  // already flagged for NFC and NFKC
        }
        if (may_change_when_composing(code_point,
                                      (code_point_flags & bit(Step::canonical_decomposition)) != 0, false,
                                      may_be_second)) {
            code_point_flags |= bit(Step::nfc);
        }
        if (may_change_when_composing(code_point, (code_point_flags & bit(Step::decomposition)) != 0, true,
                                      may_be_second)) {
            code_point_flags |= bit(Step::nfkc);
        }
    }
    return {std::move(flags), tail_is_inert() ? std::uint8_t{0} : all_steps};
}

Table build_table() {
    const FlatTable flat = build_flags();
    return {CodePointTable(table_end, [&flat](char32_t code_point) { return flat.flags[code_point]; }),
            flat.tail_flags};
}

const Table& table() {
    static const Table flags = build_table();  // built on first use, once
    return flags;
}

std::uint8_t flags_of(const Table& flags, char32_t code_point) noexcept {
    if (code_point < table_end) {
        return flags.flags[code_point];
    }
    return code_point < code_point_end ? flags.tail_flags
                                       : all_steps;  // not a code point: the full path throws
}

std::uint8_t text_steps(NormalizationForm form) noexcept {
    switch (form) {
        case NormalizationForm::nfc:
            return bit(Step::nfc);
        case NormalizationForm::nfkc:
            return bit(Step::nfkc);
        case NormalizationForm::nfkd:
            return bit(Step::decomposition) | bit(Step::reordering);
    }
    return all_steps;
}

}  // namespace

bool may_change(char32_t code_point, Step step) {
    return (flags_of(table(), code_point) & bit(step)) != 0;
}

bool is_inert(char32_t code_point) {
    return flags_of(table(), code_point) == 0;
}

bool is_normalized(std::u32string_view text, NormalizationForm form) {
    const std::uint8_t steps = text_steps(form);
    const Table& flags = table();
    return std::ranges::none_of(text, [&flags, steps](char32_t code_point) {
        return code_point >= ascii_end && (flags_of(flags, code_point) & steps) != 0;
    });
}

}  // namespace parity::core::text::quick_check
