#pragma once

// The blocking index's map from key to block: open addressing over a 64-bit hash of the key's kind
// and text, with the text kept for an exact comparison. A hash collision therefore costs a probe,
// never a wrong block: lookups agree with the reference's dict of key strings.

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "parity/core/matching/block_key.hpp"

namespace parity::core::matching {

/// A strong 64-bit hash of the key's string (kind and text), computed without joining it.
[[nodiscard]] std::uint64_t hash_key(const BlockKey& key);

/// Distinct keys numbered 0, 1, 2, ... in the order they were first inserted.
///
///     KeyTable table;
///     table.insert({KeyKind::names, U"ann", U"lee"}) == 0
///     table.find({KeyKind::names, U"ann", U"lee"}) == 0
///     table.find({KeyKind::names, U"ann", U"le"}) == KeyTable::not_found
class KeyTable {
  public:
    static constexpr std::uint32_t not_found = UINT32_MAX;

    /// The key's number, newly given when the key is new. std::length_error past 4 Gi code points
    /// of key text.
    std::uint32_t insert(const BlockKey& key);

    /// The key's number, or not_found. `hash` is hash_key(key), when the caller has it already.
    [[nodiscard]] std::uint32_t find(const BlockKey& key) const {
        return find(key, hash_key(key));
    }
    [[nodiscard]] std::uint32_t find(const BlockKey& key, std::uint64_t hash) const {
        return slots_[probe(key, hash)].id;
    }

    /// Starts loading the slot a find(key, hash) begins at, so that several lookups wait for
    /// memory together rather than one after the other.
    void prefetch(std::uint64_t hash) const {
        __builtin_prefetch(&slots_[slot_of(hash)]);
    }

    [[nodiscard]] std::size_t size() const {
        return size_;
    }

  private:
    // One cache line holds four slots. A slot also locates its key's text, so that a hit costs
    // two memory loads, not three; `tag` holds hash bits the slot index does not use, so most
    // non-matching slots are passed without reading any text.
    struct Slot {
        std::uint32_t tag = 0;
        std::uint32_t id = not_found;  // not_found marks an empty slot
        std::uint32_t text_offset = 0;
        std::uint32_t text_size = 0;
    };

    [[nodiscard]] std::size_t slot_of(std::uint64_t hash) const {
        return static_cast<std::size_t>(hash >> shift_);
    }
    [[nodiscard]] static std::uint32_t tag_of(std::uint64_t hash) {
        return static_cast<std::uint32_t>(hash);
    }
    /// The slot holding `key` (hash `hash`), or the empty slot where it would go.
    [[nodiscard]] std::size_t probe(const BlockKey& key, std::uint64_t hash) const;
    [[nodiscard]] bool equals(const Slot& slot, const BlockKey& key) const;
    void grow();

    static constexpr unsigned initial_slot_bits = 4;
    std::vector<Slot> slots_ = std::vector<Slot>(std::size_t{1} << initial_slot_bits);
    unsigned shift_ = 64 - initial_slot_bits;  // slot index = top bits of the hash
    std::size_t size_ = 0;
    // Every key back to back, each as its kind (one code point) followed by its text.
    std::u32string text_;
};

}  // namespace parity::core::matching
