#pragma once

// Blocking (docs/matching.md section 3): the index from key to the customers that share it, and
// the candidates a row collects from it.

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "parity/core/matching/block_key.hpp"
#include "parity/core/matching/config.hpp"
#include "parity/core/matching/fields.hpp"
#include "parity/core/matching/key_table.hpp"

namespace parity::core::matching {

/// Positions (in the matcher's id-sorted customer list) to score for one row.
struct Candidates {
    std::vector<std::uint32_t> positions;
    /// True when a block over max_block_size was skipped or max_candidates cut the list.
    bool capped = false;
};

/// Which customer positions one row has already collected: O(1) per check, cleared in O(1) per
/// row by bumping a generation number. One per thread, sized for the whole customer base.
class VisitedSet {
public:
    explicit VisitedSet(std::size_t size = 0) : stamps_(size, 0) {}

    [[nodiscard]] std::size_t size() const { return stamps_.size(); }

    /// Forget every position (the next row starts empty).
    void clear() {
        if (++generation_ == 0) {  // wrapped around: old stamps could match again
            std::fill(stamps_.begin(), stamps_.end(), 0U);
            generation_ = 1;
        }
    }

    /// Marks `position`; false when it was already marked since the last clear().
    bool insert(std::uint32_t position) {
        if (stamps_[position] == generation_) {
            return false;
        }
        stamps_[position] = generation_;
        return true;
    }

private:
    std::vector<std::uint32_t> stamps_;
    std::uint32_t generation_ = 1;
};

/// Memory BlockingIndex::candidates reuses from row to row (one per thread), so that a row
/// allocates nothing once the first rows have sized it.
struct BlockingScratch {
    /// Must hold every customer position.
    VisitedSet visited;
    PrefixBuffers prefixes;
    /// The row's keys in compact form, back to back.
    std::u32string keys;
};

class BlockingIndex {
public:
    BlockingIndex(const std::vector<NormalizedRecord>& customers, const MatchConfig& config);

    /// The customers sharing a key with `row` (its own keys, then those with first and last name
    /// exchanged, each key once), in key order then block order, no repeats, both caps applied.
    /// Replaces the contents of `out`.
    void candidates(const NormalizedRecord& row, BlockingScratch& scratch, Candidates& out) const;

    /// The customers with `key`, in ascending position; empty when none has it.
    [[nodiscard]] std::span<const std::uint32_t> block(const BlockKey& key) const;

private:
    [[nodiscard]] std::span<const std::uint32_t> block(std::uint32_t key_id) const {
        return {positions_.data() + block_starts_[key_id], block_starts_[key_id + 1] - block_starts_[key_id]};
    }

    MatchConfig config_;
    KeyTable keys_;
    // Every block back to back, in key id order: block k is positions_[block_starts_[k], block_starts_[k + 1]).
    std::vector<std::uint32_t> block_starts_;
    std::vector<std::uint32_t> positions_;
};

}  // namespace parity::core::matching
