#pragma once

// The matcher's customers, packed for scoring: each customer's normalized fields lie side by side
// in one buffer, so scoring a candidate reads a few adjacent cache lines rather than eight
// separately allocated strings scattered over the heap (with a large customer base, every
// candidate's fields are cache misses).

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "parity/core/matching/detail/arena_array.hpp"
#include "parity/core/matching/fields.hpp"
#include "parity/platform/huge_page_arena.hpp"

namespace parity::core::matching {

///     CustomerStore store;
///     store.push_back(record);
///     FieldViews fields = store.fields(0);  // equal to views_of(record)
class CustomerStore {
  public:
    void reserve(std::size_t customers) {
        entries_.building().reserve(customers);
    }

    /// Appends a copy of `record`'s fields. std::length_error for a field of 4 Gi code points.
    void push_back(const NormalizedRecord& record);

    [[nodiscard]] std::size_t size() const {
        return entries_.size();
    }

    /// Customer `position`'s fields, as views into the store (valid while it is not modified).
    [[nodiscard]] FieldViews fields(std::size_t position) const;

    /// Prefetching for a walk over scattered positions: the entry of the customer after next,
    /// the fields (whose place the entry gives) of the next one.
    void prefetch_entry(std::size_t position) const {
        __builtin_prefetch(entries_.data() + position);
    }
    void prefetch_fields(std::size_t position) const;

    /// The room freeze() takes in an arena.
    [[nodiscard]] std::size_t frozen_bytes() const;
    /// Moves the customers into `arena`, which must outlive the store; push_back() then throws
    /// std::logic_error (the store is read-only from here on).
    void freeze(platform::HugePageArena& arena);

  private:
    struct Entry {
        std::size_t offset;  // of the first field in the text; the others follow in field order
        std::array<std::uint32_t, field_count> sizes;
        std::uint8_t present;  // bit i: field i is present
    };
    static_assert(field_count <= 8, "Entry::present has one bit per field");

    // Built in containers, in an arena once frozen.
    ArenaArray<std::vector<Entry>> entries_;
    ArenaArray<std::u32string> text_;
};

}  // namespace parity::core::matching
