#pragma once

// Dense ids for the strs of one kind in a request (cards, merchants, devices, merchant category codes):
// equal strs, equal ids, numbered 0, 1, 2, ... in order of first appearance. An open-addressing table
// keyed by the strs' code points (python_strings.hpp), holding a reference to the first str of each id.

#include <Python.h>

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

    /// The id of `text` (a ready str), numbering it if new.
    [[nodiscard]] std::uint32_t id(PyObject* text);

    /// The first str given each id, by id (borrowed: valid as long as this table).
    [[nodiscard]] const std::vector<PyObject*>& strings() const {
        return strings_;
    }

  private:
    struct Slot {
        std::uint64_t hash = 0;
        std::uint32_t id = empty;
    };
    static constexpr std::uint32_t empty = UINT32_MAX;

    void grow();

    std::vector<Slot> slots_;  // a power of two, at most half full
    std::vector<PyObject*> strings_;
    // The str (one of strings_, so kept alive: its address cannot be reused by another str) that the
    // last look-up found, and its id: callers that build their records from shared strs pass the very
    // same object again, often in runs.
    PyObject* last_ = nullptr;
    std::uint32_t last_id_ = 0;
};

}  // namespace parity::bindings::scoring
