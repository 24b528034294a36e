#pragma once

// Dicts of one fixed set of keys, made by copying a template and writing the values into the copy.
//
// A 15-row batch returns 45 dicts (a result, its field_scores and its normalized values per row).
// Made with PyDict_SetItem, each item costs a hash-table insert (a probe, a key comparison, the
// entry written): 24 inserts per row, about a fifth of a batch's instructions (callgrind, toggled
// on Matcher.match). PyDict_Copy of a template instead clones its key table in one memcpy, and
// the values then go straight into the copy's entries, in key order.
//
// Those entries are CPython's private layout (Include/internal/pycore_dict.h, 3.11). So it is used
// only when built against 3.11 and when a check at start-up, on a real copy, finds the template's
// keys and values where that layout puts them; otherwise every dict is made with PyDict_SetItem.
// Either way the dict is an ordinary dict, equal item for item, with its keys in the same order.

#include <Python.h>

#include <cstddef>
#include <span>
#include <vector>

namespace parity::bindings {

class DictTemplate {
  public:
    /// `keys` must be exact str objects, distinct, and outlive the template.
    explicit DictTemplate(std::span<PyObject* const> keys);
    ~DictTemplate();
    DictTemplate(const DictTemplate&) = delete;
    DictTemplate& operator=(const DictTemplate&) = delete;

    /// A new dict {keys[i]: values[i]}, in key order. Steals the references in `values` (all of them,
    /// also on failure); returns nullptr with a Python error set on failure (MemoryError).
    [[nodiscard]] PyObject* make(std::span<PyObject* const> values) const;

    /// make(), for a caller that knows one of the values to be a container the cycle collector tracks
    /// (a new list, say), so that the dict is tracked too: the values are not inspected. Inspecting one
    /// reads its type, a cache miss for an object not touched lately (the id str of a record read long
    /// before, for instance).
    [[nodiscard]] PyObject* make_tracked(std::span<PyObject* const> values) const;

    /// Whether dicts are made by copy (else by PyDict_SetItem).
    [[nodiscard]] bool copies() const {
        return copies_;
    }

    /// With `wanted` false, every dict is made by PyDict_SetItem from now on; with true, by copy
    /// again if the layout check passes. Returns copies(). For tests of both ways.
    bool set_copies(bool wanted) {
        copies_ = wanted && template_ != nullptr && copy_layout_holds();
        return copies_;
    }

  private:
    [[nodiscard]] bool copy_layout_holds() const;
    [[nodiscard]] PyObject* make_by_insert(std::span<PyObject* const> values) const;
    /// The copy, with `track` false: the values decide whether the dict is tracked.
    [[nodiscard]] PyObject* make_by_copy(std::span<PyObject* const> values, bool track) const;

    std::vector<PyObject*> keys_;
    PyObject* template_ = nullptr;  // {key: None for each key}
    bool copies_ = false;
};

}  // namespace parity::bindings
