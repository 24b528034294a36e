#include "parity/core/similarity/detail/pattern_match_vector.hpp"

#include <algorithm>
#include <bit>
#include <cassert>
#include <cstring>

namespace parity::core::detail {

PatternMatchVector::PatternMatchVector(std::u32string_view pattern) {
    assert(pattern.size() <= word_bits);
    const auto extended_count = static_cast<std::size_t>(std::count_if(
        pattern.begin(), pattern.end(), [](char32_t code_point) { return code_point >= direct_table_size; }));
    if (extended_count > 0) {
        extended_.emplace(extended_count);  // an upper bound on the distinct ones
    }
    std::uint64_t bit = 1;
    for (const char32_t code_point : pattern) {
        if (code_point < direct_table_size) {
            set_direct(code_point, bit);
        } else {
            extended_->add(code_point, bit);
        }
        bit <<= 1;
    }
}

void PatternMatchVector::set_direct(char32_t code_point, std::uint64_t bit) noexcept {
    if (!is_live(code_point)) {
        // memcpy from zeros, not fill_n: GCC turns a fill into `rep stos`, whose start-up alone
        // costs more than the eight vector stores it emits for this copy.
        static constexpr std::array<std::uint64_t, std::size_t{1} << chunk_bits> zero_chunk{};
        const std::size_t chunk = code_point >> chunk_bits;
        std::memcpy(&direct_[chunk * zero_chunk.size()], zero_chunk.data(), sizeof zero_chunk);
        live_chunks_ |= 1U << chunk;
    }
    direct_[code_point] |= bit;
}

BlockPatternMatchVector::BlockPatternMatchVector(std::u32string_view pattern)
    : block_count_((pattern.size() + word_bits - 1) / word_bits),
      direct_(direct_table_size * block_count_, 0),
      extended_rows_(block_count_, 0) {
    for (std::size_t position = 0; position < pattern.size(); ++position) {
        const char32_t code_point = pattern[position];
        const std::size_t block = position / word_bits;
        const std::uint64_t bit = std::uint64_t{1} << (position % word_bits);
        if (code_point < direct_table_size) {
            direct_[static_cast<std::size_t>(code_point) * block_count_ + block] |= bit;
            continue;
        }
        if (slots_.empty()) {
            // At most pattern.size() distinct code points: twice that keeps the map half empty.
            const std::size_t slot_count = std::bit_ceil(2 * pattern.size());
            slots_.resize(slot_count);
            slot_bits_ = static_cast<unsigned>(std::countr_zero(slot_count));
        }
        Slot& slot = slots_[find_slot(code_point)];
        if (slot.row == 0) {
            slot.code_point = code_point;
            slot.row = static_cast<std::uint32_t>(extended_rows_.size() / block_count_);
            extended_rows_.resize(extended_rows_.size() + block_count_, 0);
        }
        extended_rows_[slot.row * block_count_ + block] |= bit;
    }
}

std::size_t BlockPatternMatchVector::find_slot(char32_t code_point) const noexcept {
    const std::size_t mask = slots_.size() - 1;
    std::size_t index = hash_code_point(code_point, slot_bits_);
    while (slots_[index].row != 0 && slots_[index].code_point != code_point) {
        index = (index + 1) & mask;
    }
    return index;
}

// Each vector is built in place (a prvalue initializes the member itself): assigning a built one
// would copy all 2 KiB of its direct table, of which a name uses a few chunks.
CachedPattern::CachedPattern(std::u32string_view s1)
    : text(s1),
      word(s1.size() <= word_bits ? PatternMatchVector(s1) : PatternMatchVector()),
      blocks(s1.size() <= word_bits ? BlockPatternMatchVector() : BlockPatternMatchVector(s1)) {}

}  // namespace parity::core::detail
