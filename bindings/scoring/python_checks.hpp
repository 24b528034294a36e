#pragma once

// The building blocks of the scoring kernel's input checks (docs/scoring.md section 1) on raw CPython
// objects, raising the reference's exception types with its messages (python/scoring/kernel_checks.py):
// what "missing" means, what a number is and how it becomes a finite double, and the `<type>` of a
// message. Every function runs under the GIL; a failed check sets the Python error and throws
// pybind11::error_already_set, which pybind11 turns back into that error.

#include <Python.h>

#include <optional>

namespace parity::bindings::scoring {

/// A strong reference, released at scope exit.
class OwnedRef {
  public:
    OwnedRef() = default;
    explicit OwnedRef(PyObject* object) : object_(object) {}
    ~OwnedRef() {
        Py_XDECREF(object_);
    }
    OwnedRef(const OwnedRef&) = delete;
    OwnedRef& operator=(const OwnedRef&) = delete;
    OwnedRef(OwnedRef&& other) noexcept : object_(other.object_) {
        other.object_ = nullptr;
    }
    OwnedRef& operator=(OwnedRef&& other) noexcept {
        if (this != &other) {
            Py_XDECREF(object_);
            object_ = other.object_;
            other.object_ = nullptr;
        }
        return *this;
    }
    [[nodiscard]] PyObject* get() const {
        return object_;
    }
    /// Hands the reference over to the caller, leaving this empty.
    [[nodiscard]] PyObject* release() {
        PyObject* object = object_;
        object_ = nullptr;
        return object;
    }

  private:
    PyObject* object_ = nullptr;
};

/// Throws pybind11::error_already_set for the Python error already set.
[[noreturn]] void throw_python_error();

/// Sets `type` with PyUnicode_FromFormat's `format` and throws. `%U` takes a str object, `%R` a repr.
[[noreturn]] void raise_formatted(PyObject* type, const char* format, ...);

/// `type(value).__name__`, a new reference.
[[nodiscard]] OwnedRef type_name(PyObject* value);

/// isinstance(value, collections.abc.Mapping), with dicts answered without a call.
[[nodiscard]] bool is_mapping(PyObject* value);

/// `container[key]` as a new reference, or an empty OwnedRef when that raises KeyError (the
/// specification's "missing"); any other exception propagates.
[[nodiscard]] OwnedRef lookup(PyObject* container, PyObject* key);

/// isinstance(value, (int, float)) and not isinstance(value, bool).
[[nodiscard]] inline bool is_number(PyObject* value) {
    return (PyFloat_Check(value) || PyLong_Check(value)) && !PyBool_Check(value);
}

/// float(value) for a number, or nullopt when it is not finite (an int beyond the double range
/// included: float() raises OverflowError there). Any other exception propagates.
[[nodiscard]] std::optional<double> finite_double(PyObject* number);

}  // namespace parity::bindings::scoring
