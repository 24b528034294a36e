#pragma once

// A byte per code point, stored as a two-level table: the code points in blocks of 256, and each
// distinct block once. A flat table of the first three planes is 196 kB, and the code points of a
// text are scattered over it (an ideograph per cache line), so a call that comes after other work
// pays a cache miss per code point; most blocks are alike (all ideographs, all Hangul syllables,
// all unassigned), so the distinct ones fit in a few dozen kilobytes, and a script's code points
// share a handful of lines.

#include <cstddef>
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

namespace parity::core::text {

///     CodePointTable table(0x30000, [](char32_t c) { return c < 0x80 ? 1 : 0; });
///     table[U'a'] == 1
class CodePointTable {
  public:
    static constexpr unsigned block_bits = 8;
    static constexpr std::size_t block_size = std::size_t{1} << block_bits;

    /// The values `value_of(c)` of every code point c below `end` (a multiple of block_size).
    template <typename ValueOf>
    CodePointTable(char32_t end, const ValueOf& value_of) : block_of_(end >> block_bits) {
        std::unordered_map<std::string, std::uint16_t> known;  // each distinct block's index
        std::string block(block_size, '\0');
        for (std::size_t b = 0; b < block_of_.size(); ++b) {
            for (std::size_t i = 0; i < block_size; ++i) {
                block[i] = static_cast<char>(value_of(static_cast<char32_t>((b << block_bits) + i)));
            }
            const auto [found, added] = known.try_emplace(block, static_cast<std::uint16_t>(known.size()));
            if (added) {
                values_.insert(values_.end(), block.begin(), block.end());
            }
            block_of_[b] = found->second;
        }
    }

    /// The value of a code point below the `end` given to the constructor.
    [[nodiscard]] std::uint8_t operator[](char32_t code_point) const noexcept {
        return values_[(std::size_t{block_of_[code_point >> block_bits]} << block_bits) +
                       (code_point & (block_size - 1))];
    }

  private:
    std::vector<std::uint16_t> block_of_;  // index of each block's values among the distinct ones
    std::vector<std::uint8_t> values_;     // the distinct blocks, back to back
};

}  // namespace parity::core::text
