#include "latin_fold.hpp"

#include <array>
#include <cstdint>

#include "normalization_forms.hpp"

namespace parity::core::text::latin_fold {
namespace {

/// Every code point's folding, stored end to end; built once from the full steps.
class Table {
  public:
    Table() {
        std::u32string nfkc;
        std::u32string folded;
        std::u32string nfkd;
        for (char32_t code_point = 0; code_point < table_end; ++code_point) {
            normalize_into(std::u32string_view(&code_point, 1), NormalizationForm::nfkc, nfkc);
            casefold_into(nfkc, folded);
            normalize_into(folded, NormalizationForm::nfkd, nfkd);
            begins_[code_point] = static_cast<std::uint16_t>(code_points_.size());
            code_points_ += nfkd;
        }
        begins_[table_end] = static_cast<std::uint16_t>(code_points_.size());
    }

    [[nodiscard]] std::u32string_view fold(char32_t code_point) const {
        return std::u32string_view(code_points_)
            .substr(begins_[code_point], begins_[code_point + 1] - begins_[code_point]);
    }

  private:
    std::u32string code_points_;
    std::array<std::uint16_t, table_end + 1> begins_{};  // small: a cold call touches less
};

}  // namespace

bool covers(std::u32string_view text) noexcept {
    for (const char32_t code_point : text) {
        if (code_point >= table_end) {
            return false;
        }
    }
    return true;
}

void fold_into(std::u32string_view text, std::u32string& output) {
    static const Table table;
    output.clear();
    for (const char32_t code_point : text) {
        output += table.fold(code_point);
    }
}

}  // namespace parity::core::text::latin_fold
