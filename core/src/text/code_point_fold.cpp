#include "code_point_fold.hpp"

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <stdexcept>

#include "normalization_forms.hpp"
#include "quick_check.hpp"

namespace parity::core::text::code_point_fold {
namespace {

bool is_starter(char32_t code_point) {
    return !quick_check::may_change(code_point, quick_check::Step::reordering);
}

/// Conditions (a) to (d) of code_point_fold.hpp, given the code point's full compatibility
/// decomposition and its folding.
bool folds_on_its_own(char32_t code_point, std::u32string_view decomposition, std::u32string_view folding) {
    if (!is_starter(code_point)) {
        return false;  // (a)
    }
    if (!decomposition.empty() &&
        (!is_starter(decomposition[0]) || quick_check::may_change(decomposition[0], quick_check::Step::nfkc))) {
        return false;  // (b): a starter that NFKC may change is one that composes with what precedes it
    }
    if (!folding.empty() && !is_starter(folding[0])) {
        return false;  // (c)
    }
    return std::ranges::all_of(folding, [](char32_t folded) {  // (d)
        return !is_starter(folded) || !quick_check::may_change(folded, quick_check::Step::nfc);
    });
}

/// The table, built from the full steps, each entry checked against (a) to (d).
detail::Table build_table() {
    detail::Table table;
    std::u32string nfkc;
    std::u32string folded;
    std::u32string nfkd;
    std::u32string decomposition;
    for (const Block& block : blocks) {
        for (char32_t code_point = block.begin; code_point < block.end; ++code_point) {
            const std::u32string_view alone(&code_point, 1);
            normalize_into(alone, NormalizationForm::nfkc, nfkc);
            casefold_into(nfkc, folded);
            normalize_into(folded, NormalizationForm::nfkd, nfkd);
            normalize_into(alone, NormalizationForm::nfkd, decomposition);
            if (table.code_points.size() + nfkd.size() > UINT16_MAX || nfkd.size() > UINT8_MAX) {
                throw std::logic_error("code_point_fold: the foldings outgrow the table's entries");
            }
            detail::Table::Entry& entry = table.entries[block.first_entry + (code_point - block.begin)];
            entry.begin = static_cast<std::uint16_t>(table.code_points.size());
            entry.size = static_cast<std::uint8_t>(nfkd.size());
            entry.on_its_own = folds_on_its_own(code_point, decomposition, nfkd);
            table.code_points += nfkd;
        }
    }
    return table;
}

}  // namespace

const detail::Table& detail::table() {
    static const Table built = build_table();
    return built;
}

bool try_fold_into(std::u32string_view text, std::u32string& output) {
    const detail::Table& table = detail::table();
    output.clear();
    for (const char32_t code_point : text) {
        const std::size_t entry = entry_of(code_point);
        if (entry != entry_count) {
            const detail::Table::Entry& found = table.entries[entry];
            if (!found.on_its_own) {
                return false;
            }
            output.append(table.code_points, found.begin, found.size);
        } else if (quick_check::is_inert(code_point)) {
            output.push_back(code_point);
        } else {
            return false;
        }
    }
    return true;
}

}  // namespace parity::core::text::code_point_fold
