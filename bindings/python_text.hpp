#pragma once

// Python str <-> code points, straight from CPython's compact representation: no UTF-8 or UTF-32
// codec round trip on the hot path.

#include <pybind11/pybind11.h>

#include <string>
#include <type_traits>
#include <vector>

namespace parity::bindings {

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

/// Appends the code points of a str to `out`, unless it holds a lone surrogate (U+D800..U+DFFF):
/// then returns false and leaves `out` as it was. One pass for the check and the copy.
[[nodiscard]] inline bool append_code_points(pybind11::handle text, std::vector<char32_t>& out) {
    PyObject* object = text.ptr();
    const auto length = static_cast<std::size_t>(PyUnicode_GET_LENGTH(object));
    const std::size_t start = out.size();
    out.resize(start + length);
    char32_t* dest = out.data() + start;
    const auto copy = [&](const auto* source) {
        bool surrogate = false;
        for (std::size_t i = 0; i < length; ++i) {
            const char32_t c = source[i];
            surrogate |= c >= 0xD800 && c <= 0xDFFF;
            dest[i] = c;
        }
        return !surrogate;
    };
    bool ok = true;
    switch (PyUnicode_KIND(object)) {
        case PyUnicode_1BYTE_KIND: {
            const Py_UCS1* source = PyUnicode_1BYTE_DATA(object);  // no surrogate fits in a byte
            for (std::size_t i = 0; i < length; ++i) {
                dest[i] = source[i];
            }
            break;
        }
        case PyUnicode_2BYTE_KIND:
            ok = copy(PyUnicode_2BYTE_DATA(object));
            break;
        default:
            ok = copy(PyUnicode_4BYTE_DATA(object));
            break;
    }
    if (!ok) {
        out.resize(start);
    }
    return ok;
}

/// A new str holding these code points, in the narrowest storage (which CPython requires of every
/// str: strs of different storage never compare equal). The OR of all code points has the bit length
/// of the largest, so it picks the same storage as the largest would, found without a comparison per
/// code point; the copy then narrows in a plain loop. (PyUnicode_FromKindAndData does the same through
/// more general code.)
[[nodiscard]] inline pybind11::str from_code_points(const std::u32string& text) {
    char32_t bits = 0;
    for (const char32_t c : text) {
        bits |= c;
    }
    constexpr char32_t widest_two_byte = 0xFFFF;
    const Py_UCS4 max_char = bits > widest_two_byte ? 0x10FFFF : static_cast<Py_UCS4>(bits);
    PyObject* object = PyUnicode_New(static_cast<Py_ssize_t>(text.size()), max_char);
    if (object == nullptr) {
        throw pybind11::error_already_set();
    }
    const auto narrow = [&](auto* data) {
        using Unit = std::remove_pointer_t<decltype(data)>;
        for (std::size_t i = 0; i < text.size(); ++i) {
            data[i] = static_cast<Unit>(text[i]);
        }
    };
    switch (PyUnicode_KIND(object)) {
        case PyUnicode_1BYTE_KIND:
            narrow(PyUnicode_1BYTE_DATA(object));
            break;
        case PyUnicode_2BYTE_KIND:
            narrow(PyUnicode_2BYTE_DATA(object));
            break;
        default:
            narrow(PyUnicode_4BYTE_DATA(object));
            break;
    }
    return pybind11::reinterpret_steal<pybind11::str>(object);
}

}  // namespace parity::bindings
