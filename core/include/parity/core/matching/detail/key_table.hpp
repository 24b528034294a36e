#pragma once

// The blocking index's map from key to block: open addressing over a 64-bit hash of the key's
// compact form (BlockKey::append_compact), with the form kept for an exact comparison. A hash
// collision therefore costs a probe, never a wrong block: lookups agree with the reference's dict
// of key strings.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "parity/core/matching/detail/arena_array.hpp"
#include "parity/core/matching/detail/block_key.hpp"
#include "parity/platform/huge_page_arena.hpp"

namespace parity::core::matching {

/// A 64-bit hash of a key's compact form, four code points per multiplication.
[[nodiscard]] std::uint64_t hash_compact_key(std::u32string_view compact);

/// The compact form of one key (BlockKey::append_compact into a new string).
[[nodiscard]] std::u32string compact_key(const BlockKey& key);

/// Distinct keys, given in compact form, numbered 0, 1, 2, ... in the order first inserted.
///
///     KeyTable table;
///     table.insert(compact_key({KeyKind::names, U"ann", U"lee"})) == 0
///     table.find(compact_key({KeyKind::names, U"ann", U"lee"})) == 0
///     table.find(compact_key({KeyKind::names, U"ann", U"le"})) == KeyTable::not_found
class KeyTable {
  public:
    static constexpr std::uint32_t not_found = UINT32_MAX;

    /// The key's number, newly given when the key is new. std::length_error past 4 Gi code points
    /// of keys.
    std::uint32_t insert(std::u32string_view compact);

    /// The key's number, or not_found. `hash` is hash_compact_key(compact), when the caller has it.
    [[nodiscard]] std::uint32_t find(std::u32string_view compact) const {
        return find(compact, hash_compact_key(compact));
    }
    [[nodiscard]] std::uint32_t find(std::u32string_view compact, std::uint64_t hash) const {
        return slots_.data()[probe(compact, hash)].id;
    }

    /// Starts loading the slot a find(compact, hash) begins at, so that several lookups wait for
    /// memory together rather than one after the other.
    void prefetch(std::uint64_t hash) const {
        __builtin_prefetch(&slots_.data()[slot_of(hash)]);
    }
    /// The next step, once that slot is loaded: starts loading the key text find() will compare,
    /// when the slot's tag says it may be this key's.
    void prefetch_key(std::uint64_t hash) const {
        const Slot& slot = slots_.data()[slot_of(hash)];
        if (slot.id != not_found && slot.tag == tag_of(hash)) {
            __builtin_prefetch(keys_.data() + slot.key_offset);
        }
    }

    [[nodiscard]] std::size_t size() const {
        return size_;
    }

    /// The room freeze() takes in an arena.
    [[nodiscard]] std::size_t frozen_bytes() const;
    /// Moves the slots and keys into `arena`, which must outlive the table; insert() then throws
    /// std::logic_error (the table is read-only from here on).
    void freeze(platform::HugePageArena& arena);

  private:
    // Four slots to a cache line. A slot also locates its key, so that a hit costs two memory
    // loads, not three; `tag` holds hash bits the slot index does not use, so most non-matching
    // slots are passed without reading a key.
    struct Slot {
        std::uint32_t tag = 0;
        std::uint32_t id = not_found;  // not_found marks an empty slot
        std::uint32_t key_offset = 0;  // into keys_
        std::uint32_t key_size = 0;
    };

    [[nodiscard]] std::size_t slot_of(std::uint64_t hash) const {
        return static_cast<std::size_t>(hash >> shift_);
    }
    [[nodiscard]] static std::uint32_t tag_of(std::uint64_t hash) {
        return static_cast<std::uint32_t>(hash);
    }
    /// The slot holding `compact` (hash `hash`), or the empty slot where it would go.
    [[nodiscard]] std::size_t probe(std::u32string_view compact, std::uint64_t hash) const;
    void grow();

    static constexpr unsigned initial_slot_bits = 4;
    // The slots and keys, built in containers, in an arena once frozen.
    ArenaArray<std::vector<Slot>> slots_{std::vector<Slot>(std::size_t{1} << initial_slot_bits)};
    unsigned shift_ = 64 - initial_slot_bits;  // slot index = top bits of the hash
    std::size_t size_ = 0;
    ArenaArray<std::u32string> keys_;    // every key's compact form, back to back
    std::vector<std::uint64_t> hashes_;  // by key number: growing the table re-hashes nothing
};

}  // namespace parity::core::matching
