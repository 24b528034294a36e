#pragma once

// The first three steps of normalize_text (NFKC, case folding, NFKD), code point by code point, for
// the texts on which that is exact: one table look-up per code point instead of three passes
// through utf8proc, whose tables a call coming after other work finds out of cache.
//
// The steps act code point by code point on a text whose every code point c
//   (a) is a starter (combining class 0): no mark to reorder or compose across its neighbours;
//   (b) has a full compatibility decomposition starting with a starter that is never the second of
//       a composition: NFKC composes nothing across the boundary before c;
//   (c) folds to a text that is empty or starts with a starter: NFKD reorders nothing across it.
// A text is folded by table when every code point meets them and also
//   (d) folds to a text whose starters NFC leaves alone (none composes with anything): what
//       normalize_text keeps of it (it drops every mark) is in NFC already, so its last step, NFC,
//       is skipped too.
// Code points that no step changes (no decomposition, no case folding, combining class 0, never
// the second of a composition: most of CJK, Hebrew and Arabic letters, lowercase Cyrillic) meet all
// four and fold to themselves. The table holds the foldings of the Latin, Greek, Cyrillic and Arabic
// blocks (Latin-1 to Latin Extended-B, Greek and Coptic, Cyrillic and its Supplement, Arabic, Latin
// Extended Additional, Greek Extended), each checked against (a) to (d) when the table is built; a code
// point failing them, and every other one that some step changes, sends the text down the full
// steps. Tested against the full steps on every pair of code points of the table, and on each of
// them next to code points that no step changes.

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "quick_check.hpp"

namespace parity::core::text::code_point_fold {

/// A run of code points the table holds, and where its entries start.
struct Block {
    char32_t begin;
    char32_t end;
    std::size_t first_entry;
};

/// Latin-1 to Latin Extended-B; Greek and Coptic, Cyrillic, Cyrillic Supplement; Arabic (its
/// letters with hamza or madda fold to the bare letter and a mark); Latin Extended Additional,
/// Greek Extended.
inline constexpr std::array<Block, 4> blocks{{
    {0x0000, 0x0250, 0},
    {0x0370, 0x0530, 0x0250},
    {0x0600, 0x0700, 0x0250 + 0x01C0},
    {0x1E00, 0x2000, 0x0250 + 0x01C0 + 0x0100},
}};
inline constexpr std::size_t entry_count = 0x0250 + 0x01C0 + 0x0100 + 0x0200;

/// Every code point the table holds, in order: what tests of the table walk.
[[nodiscard]] inline std::vector<char32_t> table_code_points() {
    std::vector<char32_t> code_points;
    for (const Block& block : blocks) {
        for (char32_t code_point = block.begin; code_point < block.end; ++code_point) {
            code_points.push_back(code_point);
        }
    }
    return code_points;
}

/// The table entry of `code_point`, or entry_count when the table has none.
[[nodiscard]] constexpr std::size_t entry_of(char32_t code_point) noexcept {
    for (const Block& block : blocks) {
        if (code_point < block.begin) {
            break;
        }
        if (code_point < block.end) {
            return block.first_entry + (code_point - block.begin);
        }
    }
    return entry_count;
}

namespace detail {

/// Every entry's folding, stored end to end; built once from the full steps (code_point_fold.cpp).
struct Table {
    struct Entry {
        std::uint16_t begin = 0;  // in code_points
        std::uint8_t size = 0;
        bool on_its_own = false;  // (a) to (d) hold
    };
    std::u32string code_points;
    std::array<Entry, entry_count> entries{};  // 4 bytes each: a cold call touches little
};

[[nodiscard]] const Table& table();

}  // namespace detail

/// The folding of a code point of the table's blocks (entry_of finds it), and whether it
/// folds on its own ((a) to (d) hold): what normalize_text builds its own table from.
struct Folding {
    std::u32string_view code_points;
    bool on_its_own;
};
[[nodiscard]] inline Folding table_folding(std::size_t entry) {
    const detail::Table& table = detail::table();
    const detail::Table::Entry& found = table.entries[entry];
    return {std::u32string_view(table.code_points).substr(found.begin, found.size), found.on_its_own};
}

/// NFKD(casefold(NFKC(text))) into `output`, true, when the text meets (a) to (d) above; else
/// false, with `output` unspecified. (normalize_text uses a table of its own, built from
/// table_folding; this is the folding itself, for tests.)
///
///     try_fold_into(U"Éß½", output);        // true, output == U"e\u0301ss1\u20442"
///     try_fold_into(U"Νίκη 愛", output);     // true, output == U"νι\u0301κη 愛"
///     try_fold_into(U"Nu\u0308rnberg", output);  // false: a combining mark
[[nodiscard]] bool try_fold_into(std::u32string_view text, std::u32string& output);

}  // namespace parity::core::text::code_point_fold
