#include "parity/pyjson/same_json.hpp"

#include <Python.h>

#include <bit>
#include <cstdint>
#include <cstring>
#include <vector>

namespace parity::pyjson {
namespace {

/// What to_json makes of an object, tested in to_json's order; `other` is left to the conversion.
enum class Shape { null, boolean, integer, number, string, array, object, other };

Shape shape_of(PyObject* object) {
    if (object == Py_None) {
        return Shape::null;
    }
    if (PyBool_Check(object)) {
        return Shape::boolean;
    }
    if (PyLong_Check(object)) {
        return Shape::integer;
    }
    if (PyFloat_Check(object)) {
        return Shape::number;
    }
    if (PyUnicode_Check(object)) {
        return Shape::string;
    }
    if (PyList_Check(object) || PyTuple_Check(object)) {
        return Shape::array;
    }
    if (PyDict_Check(object)) {
        return Shape::object;
    }
    return Shape::other;
}

Py_ssize_t array_size(PyObject* array) {
    return PyList_Check(array) ? PyList_GET_SIZE(array) : PyTuple_GET_SIZE(array);
}

PyObject* array_item(PyObject* array, Py_ssize_t index) {
    return PyList_Check(array) ? PyList_GET_ITEM(array, index) : PyTuple_GET_ITEM(array, index);
}

/// The same value, hence the same JSON: to_json writes an int as int64, uint64 or its digits, each
/// decided by the value alone.
bool same_int(PyObject* a, PyObject* b) {
    int a_overflow = 0;
    int b_overflow = 0;
    const long long a_value = PyLong_AsLongLongAndOverflow(a, &a_overflow);
    const long long b_value = PyLong_AsLongLongAndOverflow(b, &b_overflow);
    if (PyErr_Occurred() != nullptr) {  // not expected for an int; then leave it to the conversion
        PyErr_Clear();
        return false;
    }
    if (a_overflow != b_overflow) {
        return false;
    }
    if (a_overflow == 0) {
        return a_value == b_value;
    }
    // Beyond 64 bits: int's own comparison, not a subclass's __eq__.
    PyObject* equal = PyLong_Type.tp_richcompare(a, b, Py_EQ);
    if (equal == nullptr) {
        PyErr_Clear();
        return false;
    }
    const bool result = equal == Py_True;
    Py_DECREF(equal);
    return result;
}

/// The diff engine's strict float equality: by bits, except that every NaN equals every NaN.
bool same_double(double a, double b) {
    if (Py_IS_NAN(a) || Py_IS_NAN(b)) {
        return Py_IS_NAN(a) && Py_IS_NAN(b);
    }
    return std::bit_cast<std::uint64_t>(a) == std::bit_cast<std::uint64_t>(b);
}

/// The same code points, hence the same UTF-8 (or the same \udXXX-escaped text): str's own
/// comparison, never a subclass's.
bool same_str(PyObject* a, PyObject* b) {
    if (a == b) {
        return true;
    }
    if (PyUnicode_READY(a) != 0 || PyUnicode_READY(b) != 0) {  // only legacy strs are not ready
        PyErr_Clear();
        return false;
    }
    // A ready str is stored in the narrowest kind that holds its code points: equal strs have equal
    // kinds, and equal bytes.
    const Py_ssize_t length = PyUnicode_GET_LENGTH(a);
    const int kind = PyUnicode_KIND(a);
    return length == PyUnicode_GET_LENGTH(b) && kind == PyUnicode_KIND(b) &&
           std::memcmp(PyUnicode_DATA(a), PyUnicode_DATA(b), static_cast<std::size_t>(length) * kind) == 0;
}

/// A key that can be looked up in a dict without running Python code, whose name (its UTF-8) no
/// other str key shares: an exact str without lone surrogates.
bool lookup_safe_key(PyObject* key) {
    if (!PyUnicode_CheckExact(key)) {
        return false;
    }
    if (PyUnicode_READY(key) != 0) {
        PyErr_Clear();
        return false;
    }
    const int kind = PyUnicode_KIND(key);
    if (kind == PyUnicode_1BYTE_KIND) {
        return true;
    }
    const void* data = PyUnicode_DATA(key);
    const Py_ssize_t length = PyUnicode_GET_LENGTH(key);
    for (Py_ssize_t i = 0; i < length; ++i) {
        if (Py_UNICODE_IS_SURROGATE(PyUnicode_READ(kind, data, i))) {
            return false;
        }
    }
    return true;
}

bool lookup_safe_keys(PyObject* dict) {
    Py_ssize_t position = 0;
    PyObject* key = nullptr;
    PyObject* value = nullptr;
    while (PyDict_Next(dict, &position, &key, &value)) {
        if (!lookup_safe_key(key)) {
            return false;
        }
    }
    return true;
}

/// The walk: depth first, with an explicit stack of the container pairs being compared, so that
/// nesting costs heap, not stack. Every reference is borrowed: no Python code runs during the walk,
/// so no container can change or be freed under it.
class SameJsonWalk {
  public:
    bool run(PyObject* reference, PyObject* candidate) {
        if (!same_node(reference, candidate)) {
            return false;
        }
        while (!stack_.empty()) {
            if (!step()) {
                return false;
            }
        }
        return true;
    }

  private:
    struct Frame {
        PyObject* reference;
        PyObject* candidate;
        Py_ssize_t position = 0;            // array: next index; dict: the reference's PyDict_Next position
        Py_ssize_t candidate_position = 0;  // dict: the candidate's, while its keys come in the same order
        bool by_lookup = false;             // dict: keys in another order, the candidate's are looked up
    };

    /// Compares scalars; opens containers of the same shape and size (their members follow in step()).
    bool same_node(PyObject* reference, PyObject* candidate) {
        const Shape shape = shape_of(reference);
        if (shape != shape_of(candidate)) {
            return false;
        }
        switch (shape) {
            case Shape::null:
                return true;
            case Shape::boolean:
                return reference == candidate;
            case Shape::integer:
                return same_int(reference, candidate);
            case Shape::number:
                return same_double(PyFloat_AS_DOUBLE(reference), PyFloat_AS_DOUBLE(candidate));
            case Shape::string:
                return same_str(reference, candidate);
            case Shape::array:
                return array_size(reference) == array_size(candidate) && open(reference, candidate);
            case Shape::object:
                return PyDict_GET_SIZE(reference) == PyDict_GET_SIZE(candidate) && open(reference, candidate);
            case Shape::other:
                return false;
        }
        return false;
    }

    bool open(PyObject* reference, PyObject* candidate) {
        if (stack_.size() >= static_cast<std::size_t>(max_same_json_depth)) {
            return false;
        }
        // A walk can only go on for ever through a container inside itself on the reference's side
        // (and the candidate's): the conversion writes {"$cycle": true} there. Scanning the (shallow)
        // path beats hashing every container.
        for (const Frame& frame : stack_) {
            if (frame.reference == reference) {
                return false;
            }
        }
        stack_.push_back(Frame{reference, candidate});
        return true;
    }

    /// Compares the next member of the innermost open pair, or closes it.
    bool step() {
        Frame& frame = stack_.back();
        if (PyDict_Check(frame.reference)) {
            return step_dict(frame);
        }
        if (frame.position >= array_size(frame.reference)) {
            stack_.pop_back();
            return true;
        }
        const Py_ssize_t index = frame.position++;
        // May push a frame: `frame` is not used after this.
        return same_node(array_item(frame.reference, index), array_item(frame.candidate, index));
    }

    bool step_dict(Frame& frame) {
        PyObject* key = nullptr;
        PyObject* value = nullptr;
        if (!PyDict_Next(frame.reference, &frame.position, &key, &value)) {
            stack_.pop_back();
            return true;
        }
        PyObject* candidate_value = nullptr;
        if (!frame.by_lookup) {
            // Usually both sides built their dicts in one order: pair the keys as they come. The
            // conversion then meets the same keys in the same order on both sides, so even keys that
            // convert to one name (lone surrogates) end alike.
            PyObject* candidate_key = nullptr;
            PyDict_Next(frame.candidate, &frame.candidate_position, &candidate_key, &candidate_value);
            if (!PyUnicode_Check(key) || !PyUnicode_Check(candidate_key)) {
                return false;
            }
            if (!same_str(key, candidate_key)) {
                // Another order: look the keys up. Safe only when every key is an exact str (no
                // __eq__ or __hash__ to run) and each names one member (no lone surrogates).
                if (!lookup_safe_keys(frame.reference) || !lookup_safe_keys(frame.candidate)) {
                    return false;
                }
                frame.by_lookup = true;
            }
        }
        if (frame.by_lookup) {
            // Equal sizes and every key found: the same keys (the ones paired in order before were
            // distinct from these).
            candidate_value = PyDict_GetItemWithError(frame.candidate, key);
            if (candidate_value == nullptr) {
                PyErr_Clear();
                return false;
            }
        }
        return same_node(value, candidate_value);  // may push a frame: `frame` is not used after this
    }

    std::vector<Frame> stack_;
};

}  // namespace

bool same_json(pybind11::handle reference, pybind11::handle candidate) {
    return SameJsonWalk().run(reference.ptr(), candidate.ptr());
}

}  // namespace parity::pyjson
