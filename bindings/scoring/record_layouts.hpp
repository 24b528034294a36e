#pragma once

// The fast way to a record's field values, for records that are exact dicts with exact str keys, which
// is what decoded JSON and dict literals give: the dicts of one request share their key objects and
// key order, so after the first record each record is read by walking its entries (PyDict_Next) and
// checking that each key is the very object seen at that position before, with no hashing and no
// string comparison. A record of another shape has its shape learnt (a few shapes are kept); one that
// does not hold every field once under exact str keys is left to the checked path.
//
// Only public, stable API (PyDict_Next, PyDict_GET_SIZE): nothing here depends on CPython's dict layout.

#include <Python.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "record_fields.hpp"

namespace parity::bindings::scoring {

class RecordLayouts {
  public:
    RecordLayouts() = default;
    ~RecordLayouts();
    RecordLayouts(const RecordLayouts&) = delete;
    RecordLayouts& operator=(const RecordLayouts&) = delete;

    /// Fills `values` (borrowed from `dict`) and returns true when `dict` is an exact dict whose keys
    /// are exact strs, holding every field; else returns false and `values` is unspecified.
    [[nodiscard]] bool read(PyObject* dict, FieldValues& values);

  private:
    static constexpr std::size_t shapes = 4;
    static constexpr std::int8_t ignored = -1;

    struct Layout {
        std::vector<PyObject*> keys;     // owned: identity compares need them alive
        std::vector<std::int8_t> field;  // per position: its RecordField, or `ignored`
        void clear();
    };

    [[nodiscard]] static bool read_with(const Layout& layout, PyObject* dict, FieldValues& values);
    [[nodiscard]] bool learn(PyObject* dict, FieldValues& values);

    std::array<Layout, shapes> layouts_;
    std::size_t next_ = 0;  // the layout the next new shape replaces
};

}  // namespace parity::bindings::scoring
