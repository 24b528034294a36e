#pragma once

// Pattern-match bit vectors for the bit-parallel metrics: for each code point, the set of positions
// at which it occurs in a pattern, one bit per position. Implementation detail of the fast
// metrics, public only because their Cached* classes hold them by value.

#include <algorithm>
#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace parity::core::detail {

/// Bits per machine word of a pattern-match vector.
inline constexpr std::size_t word_bits = 64;

/// Code points below this are looked up in a plain array; the others in a hash map.
inline constexpr char32_t direct_table_size = 256;

/// The lowest `count` bits set (`count` up to 64).
[[nodiscard]] constexpr std::uint64_t low_bits(std::size_t count) noexcept {
    return count >= word_bits ? ~std::uint64_t{0} : (std::uint64_t{1} << count) - 1;
}

/// Multiplicative (Fibonacci) hash of a code point to `bits` bits, for the open-addressing maps.
[[nodiscard]] constexpr std::size_t hash_code_point(char32_t code_point, unsigned bits) noexcept {
    constexpr std::uint32_t golden_ratio = 0x9e3779b1U;
    return static_cast<std::size_t>(static_cast<std::uint32_t>(code_point * golden_ratio) >> (32U - bits));
}

/// Positions of each code point in a pattern of at most 64 code points, as one word per code point.
///
///     PatternMatchVector pm(U"abca");
///     pm.get(U'a') == 0b1001
class PatternMatchVector {
  public:
    PatternMatchVector() = default;
    /// `pattern` must hold at most 64 code points (checked by the callers, asserted here).
    explicit PatternMatchVector(std::u32string_view pattern);

    /// The positions of `code_point` in the pattern (bit i for position i); 0 when absent.
    [[nodiscard]] std::uint64_t get(char32_t code_point) const noexcept {
        return *row(code_point);
    }

    /// Interface shared with BlockPatternMatchVector, for the kernels written for both: one block,
    /// and a pointer to `code_point`'s positions.
    [[nodiscard]] static constexpr std::size_t block_count() noexcept {
        return 1;
    }
    [[nodiscard]] const std::uint64_t* row(char32_t code_point) const noexcept {
        if (code_point < direct_table_size) {
            return is_live(code_point) ? &direct_[code_point] : &no_positions;
        }
        return extended_ ? &extended_->get(code_point) : &no_positions;
    }

  private:
    // Open addressing with linear probing, at most half full so that probes stay short; a zero
    // mask marks an empty slot (every stored code point occurs somewhere). Sized for the pattern:
    // only the slots in use are ever written or read, so a short name zeroes 8 slots, not 128.
    class ExtendedMap {
      public:
        /// Room for `key_count` (1..64) distinct code points.
        explicit ExtendedMap(std::size_t key_count) noexcept
            : slot_bits_(std::max(min_slot_bits, static_cast<unsigned>(std::bit_width(2 * key_count - 1)))) {
            std::fill_n(slots_.begin(), std::size_t{1} << slot_bits_, Slot{0, 0});
        }
        [[nodiscard]] const std::uint64_t& get(char32_t code_point) const noexcept {
            return slots_[find(code_point)].mask;
        }
        void add(char32_t code_point, std::uint64_t bit) noexcept {
            Slot& slot = slots_[find(code_point)];
            slot.code_point = code_point;
            slot.mask |= bit;
        }

      private:
        static constexpr unsigned min_slot_bits = 3;
        static constexpr std::size_t max_slot_count = 2 * word_bits;
        struct Slot {  // no member initializers: slots past the map's size stay untouched
            char32_t code_point;
            std::uint64_t mask;
        };
        [[nodiscard]] std::size_t find(char32_t code_point) const noexcept {
            const std::size_t last = (std::size_t{1} << slot_bits_) - 1;
            std::size_t index = hash_code_point(code_point, slot_bits_);
            while (slots_[index].mask != 0 && slots_[index].code_point != code_point) {
                index = (index + 1) & last;
            }
            return index;
        }
        unsigned slot_bits_;
        std::array<Slot, max_slot_count> slots_;
    };

    // The direct table is zeroed a chunk of 16 code points at a time, and only the chunks the
    // pattern uses: a name in lowercase ASCII zeroes 256 bytes instead of 2 KiB, which would cost
    // more than comparing it. Entries of other chunks are never read (is_live says 0 instead).
    static constexpr unsigned chunk_bits = 4;
    [[nodiscard]] bool is_live(char32_t code_point) const noexcept {
        return ((live_chunks_ >> (code_point >> chunk_bits)) & 1U) != 0;
    }
    void set_direct(char32_t code_point, std::uint64_t bit) noexcept;

    static constexpr std::uint64_t no_positions = 0;
    std::array<std::uint64_t, direct_table_size> direct_;  // no initializer: see live_chunks_
    unsigned live_chunks_ = 0;                             // bit k: chunk k of direct_ is zeroed
    // Only built when the pattern holds a code point >= 256: most names never need it.
    std::optional<ExtendedMap> extended_;
};

/// Positions of each code point in a pattern of any length, as ceil(length / 64) words per code
/// point (block k holds positions 64k..64k+63).
class BlockPatternMatchVector {
  public:
    /// Empty: holds no pattern, and must be assigned one before row() is called.
    BlockPatternMatchVector() = default;
    explicit BlockPatternMatchVector(std::u32string_view pattern);

    [[nodiscard]] std::size_t block_count() const noexcept {
        return block_count_;
    }

    /// All blocks of `code_point`'s positions: block_count() words, all zero when absent.
    [[nodiscard]] const std::uint64_t* row(char32_t code_point) const noexcept {
        if (code_point < direct_table_size) {
            return &direct_[static_cast<std::size_t>(code_point) * block_count_];
        }
        return &extended_rows_[extended_row_index(code_point) * block_count_];
    }

  private:
    struct Slot {
        char32_t code_point = 0;
        std::uint32_t row = 0;  // index into extended_rows_; 0 (the all-zero row) marks an empty slot
    };

    [[nodiscard]] std::size_t find_slot(char32_t code_point) const noexcept;
    [[nodiscard]] std::size_t extended_row_index(char32_t code_point) const noexcept {
        return slots_.empty() ? 0 : slots_[find_slot(code_point)].row;
    }

    std::size_t block_count_ = 0;
    std::vector<std::uint64_t> direct_;         // direct_table_size rows of block_count_ words
    std::vector<Slot> slots_;                   // power-of-two sized, at most half full
    unsigned slot_bits_ = 0;                    // log2(slots_.size())
    std::vector<std::uint64_t> extended_rows_;  // row 0 is all zero: absent code points
};

/// The fixed side of a cached metric: the string and its pattern-match vectors, built once. `word`
/// is filled when the text fits in one machine word, `blocks` otherwise.
struct CachedPattern {
    explicit CachedPattern(std::u32string_view s1);

    [[nodiscard]] bool fits_word() const noexcept {
        return text.size() <= word_bits;
    }

    std::u32string text;
    PatternMatchVector word;
    BlockPatternMatchVector blocks;
};

}  // namespace parity::core::detail
