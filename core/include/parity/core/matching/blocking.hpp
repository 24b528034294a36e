#pragma once

// Blocking (docs/matching.md section 3): the keys a record is indexed or looked up under, and the
// index from key to the customers that share it.

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "parity/core/matching/config.hpp"
#include "parity/core/matching/fields.hpp"

namespace parity::core::matching {

/// The keys a customer is indexed under, in key order: email, phone, names, last_postcode,
/// last_birth, first_birth (each only when its parts are present).
[[nodiscard]] std::vector<std::u32string> customer_keys(const NormalizedRecord& record, const MatchConfig& config);

/// A row's keys: its own, then those with first and last name exchanged; no key twice.
[[nodiscard]] std::vector<std::u32string> row_keys(const NormalizedRecord& record, const MatchConfig& config);

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

class BlockingIndex {
public:
    BlockingIndex(const std::vector<NormalizedRecord>& customers, const MatchConfig& config);

    /// Customers sharing a key, in key order then block order (ascending position), no repeats.
    /// `visited` must hold every customer position; it is cleared first.
    [[nodiscard]] Candidates candidates(const std::vector<std::u32string>& keys, VisitedSet& visited) const;

private:
    MatchConfig config_;
    std::unordered_map<std::u32string, std::vector<std::uint32_t>> blocks_;
};

}  // namespace parity::core::matching
