#pragma once

// Dense ids for the strs of one kind in a request (cards, merchants, devices, merchant category codes):
// equal strs, equal ids, numbered 0, 1, 2, ... in order of first appearance. An open-addressing table
// keyed by the strs' code points (python_strings.hpp). The bytes of each id's str are copied into one
// array of the table's own, which a look-up compares against: the strs themselves lie scattered over
// the request's objects, and reaching each again would cost a cache (and TLB) miss per look-up.

#include <Python.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "python_strings.hpp"

namespace parity::bindings::scoring {

class StringIds {
  public:
    StringIds();
    ~StringIds();
    StringIds(const StringIds&) = delete;
    StringIds& operator=(const StringIds&) = delete;

    /// A ready str with its hash, its slot's cache line requested from memory: look-ups of many strs
    /// first make all their keys, then resolve them, so that the table's cache misses overlap.
    struct Key {
        PyObject* text;
        std::uint64_t hash;
    };
    [[nodiscard]] Key key(PyObject* text) const;

    /// The id of the key's str, numbering it if new.
    [[nodiscard]] std::uint32_t id(const Key& key);

    /// The id of `text` (a ready str), numbering it if new.
    [[nodiscard]] std::uint32_t id(PyObject* text) {
        return id(key(text));
    }

    /// The first str given each id, by id (borrowed: valid as long as this table).
    [[nodiscard]] const std::vector<PyObject*>& strings() const {
        return strings_;
    }

  private:
    /// Strs of up to this many stored bytes are compared inside their slot (one cache line holds it);
    /// longer ones against bytes_.
    static constexpr std::size_t inline_bytes = 20;
    struct alignas(32) Slot {
        std::uint32_t hash = 0;  // the low half of the 64-bit hash (the high half picks the slot)
        std::uint32_t id = empty;
        std::uint8_t kind = 0;
        std::uint8_t size = 0;  // stored bytes, when at most inline_bytes
        std::array<unsigned char, inline_bytes> bytes{};
    };
    /// Where an id's stored bytes are in bytes_.
    struct Stored {
        std::size_t offset;
        std::size_t size;
        int kind;
        std::uint64_t hash;  // hash_of its bytes, for grow()
    };
    static constexpr std::uint32_t empty = UINT32_MAX;

    [[nodiscard]] bool holds(const Slot& slot, const StrBytes& text) const;
    void grow();

    std::vector<Slot> slots_;     // a power of two, at most half full
    std::vector<Stored> stored_;  // by id
    std::vector<unsigned char> bytes_;
    std::vector<PyObject*> strings_;
    // The str (one of strings_, so kept alive: its address cannot be reused by another str) that the
    // last look-up numbered or found by identity, and its id: callers that build their records from
    // shared strs pass the very same object again, often in runs.
    PyObject* last_ = nullptr;
    std::uint32_t last_id_ = 0;
};

}  // namespace parity::bindings::scoring
