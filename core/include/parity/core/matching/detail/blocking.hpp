#pragma once

// Blocking (docs/matching.md section 3): the index from key to the customers that share it, and
// the candidates a row collects from it.

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "parity/core/matching/config.hpp"
#include "parity/core/matching/detail/arena_array.hpp"
#include "parity/core/matching/detail/block_key.hpp"
#include "parity/core/matching/detail/key_table.hpp"
#include "parity/core/matching/fields.hpp"
#include "parity/platform/huge_page_arena.hpp"

namespace parity::core::matching {

/// Positions (in the matcher's id-sorted customer list) to score for one row.
struct Candidates {
    std::vector<std::uint32_t> positions;
    /// True when a block over max_block_size was skipped or max_candidates cut the list.
    bool capped = false;
};

/// Which customer positions one row has already collected. A row collects a few: they are
/// searched in its list of candidates, which is in cache, rather than looked up in a table of
/// all customers, which a batch coming after other work finds evicted. Past `linear_limit`
/// candidates, a stamp per customer takes over: O(1) per check, cleared in O(1) by bumping a
/// generation number. One per thread, sized for the whole customer base.
class VisitedSet {
  public:
    static constexpr std::size_t linear_limit = 32;

    explicit VisitedSet(std::size_t size = 0) : stamps_(size, 0) {}

    [[nodiscard]] std::size_t size() const {
        return stamps_.size();
    }

    /// Forget every position (the next row starts empty).
    void clear() {
        stamping_ = false;
    }

    /// False when `position` is in `collected`: the row's positions since clear(), each of them
    /// inserted here first.
    bool insert(std::uint32_t position, const std::vector<std::uint32_t>& collected) {
        if (!stamping_) {
            if (std::find(collected.begin(), collected.end(), position) != collected.end()) {
                return false;
            }
            if (collected.size() < linear_limit) {
                return true;
            }
            start_stamping(collected);
        }
        if (stamps_[position] == generation_) {
            return false;
        }
        stamps_[position] = generation_;
        return true;
    }

  private:
    /// Stamps the positions collected while the list was short enough to search.
    void start_stamping(const std::vector<std::uint32_t>& collected) {
        if (++generation_ == 0) {  // wrapped around: old stamps could match again
            std::fill(stamps_.begin(), stamps_.end(), 0U);
            generation_ = 1;
        }
        for (const std::uint32_t position : collected) {
            stamps_[position] = generation_;
        }
        stamping_ = true;
    }

    std::vector<std::uint32_t> stamps_;
    std::uint32_t generation_ = 0;
    bool stamping_ = false;
};

/// One row's keys on their way through the index. BlockingIndex::candidates takes each of them
/// through a chain of loads (hash slot, key text, block bounds, block), and a batch comes after
/// other work has evicted the index from the caches: a Matcher takes a few rows through each step
/// of the chain together, so that their cache misses overlap instead of queueing (each step
/// prefetches what the next one reads).
struct RowLookup {
    struct Key {
        std::size_t offset;  // of its compact form in `keys`
        std::size_t size;
        std::uint64_t hash;
        std::uint32_t id;  // KeyTable::not_found until find_blocks
    };
    /// At most 12: the row's own six, and six with the names exchanged.
    static constexpr std::size_t max_keys = 2 * key_kind_count;

    /// The keys' compact forms, back to back (no allocation once grown).
    std::u32string keys;
    std::array<Key, max_keys> items{};
    std::size_t count = 0;
};

/// Memory BlockingIndex::candidates reuses from row to row (one per thread), so that a row
/// allocates nothing once the first rows have sized it.
struct BlockingScratch {
    /// Must hold every customer position.
    VisitedSet visited;
    PrefixBuffers prefixes;
    RowLookup lookup;
};

class BlockingIndex {
  public:
    BlockingIndex(const std::vector<NormalizedRecord>& customers, const MatchConfig& config);

    /// The customers sharing a key with `row` (its own keys, then those with first and last name
    /// exchanged, each key once), in key order then block order, no repeats, both caps applied.
    /// Replaces the contents of `out`. The same as the four steps below in a row.
    void candidates(const NormalizedRecord& row, BlockingScratch& scratch, Candidates& out) const;

    /// Step 1: the row's keys and their hashes (`prefixes` is scratch memory).
    void look_up(const NormalizedRecord& row, PrefixBuffers& prefixes, RowLookup& lookup) const;
    /// Step 2, once step 1's loads have had time: the key text of the slots hit.
    void prefetch_keys(const RowLookup& lookup) const;
    /// Step 3: each key's id (found or not), prefetching the bounds of the blocks found.
    void find_blocks(RowLookup& lookup) const;
    /// Step 4: prefetches the first line of each block found.
    void prefetch_blocks(const RowLookup& lookup) const;
    /// Step 5: the candidates, as candidates() gives them.
    void collect(const RowLookup& lookup, VisitedSet& visited, Candidates& out) const;

    /// The customers with `key`, in ascending position; empty when none has it.
    [[nodiscard]] std::span<const std::uint32_t> block(const BlockKey& key) const;

    /// The room freeze() takes in an arena.
    [[nodiscard]] std::size_t frozen_bytes() const;
    /// Moves the index into `arena`, which must outlive it (see HugePageArena).
    void freeze(platform::HugePageArena& arena);

  private:
    [[nodiscard]] std::span<const std::uint32_t> block(std::uint32_t key_id) const {
        const std::uint32_t* starts = block_starts_.data();
        return {positions_.data() + starts[key_id], starts[key_id + 1] - starts[key_id]};
    }

    MatchConfig config_;
    KeyTable keys_;
    // Every block back to back, in key id order: block k is positions_[block_starts_[k],
    // block_starts_[k + 1]). Built in vectors, in an arena once frozen.
    ArenaArray<std::vector<std::uint32_t>> block_starts_;
    ArenaArray<std::vector<std::uint32_t>> positions_;
};

}  // namespace parity::core::matching
