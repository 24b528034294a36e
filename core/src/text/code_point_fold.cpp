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

/// A run of code points the table holds, and where its entries start.
struct Block {
    char32_t begin;
    char32_t end;
    std::size_t first_entry;
};

/// Latin-1 to Latin Extended-B; Greek and Coptic, Cyrillic, Cyrillic Supplement; Latin Extended
/// Additional, Greek Extended.
constexpr std::array<Block, 3> blocks{{
    {0x0000, 0x0250, 0},
    {0x0370, 0x0530, 0x0250},
    {0x1E00, 0x2000, 0x0250 + 0x01C0},
}};
constexpr std::size_t entry_count = 0x0250 + 0x01C0 + 0x0200;

/// The table entry of `code_point`, or entry_count when the table has none.
std::size_t entry_of(char32_t code_point) noexcept {
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

/// Every entry's folding, stored end to end; built once from the full steps.
class Table {
  public:
    Table() {
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
                if (code_points_.size() + nfkd.size() > UINT16_MAX || nfkd.size() > UINT8_MAX) {
                    throw std::logic_error("code_point_fold: the foldings outgrow the table's entries");
                }
                Entry& entry = entries_[block.first_entry + (code_point - block.begin)];
                entry.begin = static_cast<std::uint16_t>(code_points_.size());
                entry.size = static_cast<std::uint8_t>(nfkd.size());
                entry.on_its_own = folds_on_its_own(code_point, decomposition, nfkd);
                code_points_ += nfkd;
            }
        }
    }

    /// Appends entry `entry`'s folding to `output`; false when its code point does not fold on its own.
    bool append(std::size_t entry, std::u32string& output) const {
        const Entry& found = entries_[entry];
        output.append(code_points_, found.begin, found.size);
        return found.on_its_own;
    }

  private:
    struct Entry {
        std::uint16_t begin = 0;  // in code_points_
        std::uint8_t size = 0;
        bool on_its_own = false;
    };
    std::u32string code_points_;
    std::array<Entry, entry_count> entries_{};  // 4 bytes each: a cold call touches little
};

}  // namespace

bool try_fold_into(std::u32string_view text, std::u32string& output) {
    static const Table table;
    output.clear();
    for (const char32_t code_point : text) {
        const std::size_t entry = entry_of(code_point);
        if (entry != entry_count) {
            if (!table.append(entry, output)) {
                return false;
            }
        } else if (quick_check::is_inert(code_point)) {
            output.push_back(code_point);
        } else {
            return false;
        }
    }
    return true;
}

}  // namespace parity::core::text::code_point_fold
