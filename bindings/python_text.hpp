#pragma once

// Python str <-> code points, straight from CPython's compact representation: no UTF-8 or UTF-32
// codec round trip on the hot path.

#include <pybind11/pybind11.h>

#include <string>

namespace parity::bindings {

/// True when the str holds a code point in U+D800..U+DFFF (which only 2- and 4-byte kinds can).
[[nodiscard]] inline bool has_lone_surrogate(pybind11::handle text) {
    PyObject* object = text.ptr();
    const int kind = PyUnicode_KIND(object);
    if (kind == PyUnicode_1BYTE_KIND) {
        return false;
    }
    const void* data = PyUnicode_DATA(object);
    const Py_ssize_t length = PyUnicode_GET_LENGTH(object);
    for (Py_ssize_t i = 0; i < length; ++i) {
        const Py_UCS4 c = PyUnicode_READ(kind, data, i);
        if (c >= 0xD800 && c <= 0xDFFF) {
            return true;
        }
    }
    return false;
}

/// The code points of a str.
[[nodiscard]] inline std::u32string to_code_points(pybind11::handle text) {
    PyObject* object = text.ptr();
    const int kind = PyUnicode_KIND(object);
    const void* data = PyUnicode_DATA(object);
    const Py_ssize_t length = PyUnicode_GET_LENGTH(object);
    std::u32string out(static_cast<std::size_t>(length), U'\0');
    for (Py_ssize_t i = 0; i < length; ++i) {
        out[static_cast<std::size_t>(i)] = static_cast<char32_t>(PyUnicode_READ(kind, data, i));
    }
    return out;
}

/// True when the str holds exactly these code points.
[[nodiscard]] inline bool equals_code_points(pybind11::handle text, const std::u32string& code_points) {
    PyObject* object = text.ptr();
    const Py_ssize_t length = PyUnicode_GET_LENGTH(object);
    if (static_cast<std::size_t>(length) != code_points.size()) {
        return false;
    }
    const int kind = PyUnicode_KIND(object);
    const void* data = PyUnicode_DATA(object);
    for (Py_ssize_t i = 0; i < length; ++i) {
        if (PyUnicode_READ(kind, data, i) != code_points[static_cast<std::size_t>(i)]) {
            return false;
        }
    }
    return true;
}

/// A new str holding these code points (CPython picks the narrowest storage).
[[nodiscard]] inline pybind11::str from_code_points(const std::u32string& text) {
    PyObject* object = PyUnicode_FromKindAndData(PyUnicode_4BYTE_KIND, text.data(),
                                                 static_cast<Py_ssize_t>(text.size()));
    if (object == nullptr) {
        throw pybind11::error_already_set();
    }
    return pybind11::reinterpret_steal<pybind11::str>(object);
}

}  // namespace parity::bindings
