#include "parity/pyjson/utf8_text.hpp"

#include <Python.h>

#include <array>
#include <cstdint>
#include <stdexcept>

namespace parity::pyjson {
namespace {

constexpr Py_UCS4 first_surrogate = 0xD800;
constexpr Py_UCS4 last_surrogate = 0xDFFF;

void append_utf8(std::string& out, Py_UCS4 code_point) {
    if (code_point < 0x80) {
        out.push_back(static_cast<char>(code_point));
    } else if (code_point < 0x800) {
        out.push_back(static_cast<char>(0xC0 | (code_point >> 6)));
        out.push_back(static_cast<char>(0x80 | (code_point & 0x3F)));
    } else if (code_point < 0x10000) {
        out.push_back(static_cast<char>(0xE0 | (code_point >> 12)));
        out.push_back(static_cast<char>(0x80 | ((code_point >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (code_point & 0x3F)));
    } else {
        out.push_back(static_cast<char>(0xF0 | (code_point >> 18)));
        out.push_back(static_cast<char>(0x80 | ((code_point >> 12) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | ((code_point >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (code_point & 0x3F)));
    }
}

void append_escaped_surrogate(std::string& out, Py_UCS4 code_point) {
    constexpr std::array<char, 16> hex_digits{'0', '1', '2', '3', '4', '5', '6', '7',
                                              '8', '9', 'a', 'b', 'c', 'd', 'e', 'f'};
    out += "\\u";
    for (int shift = 12; shift >= 0; shift -= 4) {
        out.push_back(hex_digits[(code_point >> shift) & 0xF]);
    }
}

// The slow path, taken only when PyUnicode_AsUTF8AndSize refused the string.
Utf8Text encode_code_points(PyObject* str) {
    Utf8Text result;
    const Py_ssize_t length = PyUnicode_GET_LENGTH(str);
    const int kind = PyUnicode_KIND(str);
    const void* data = PyUnicode_DATA(str);
    result.text.reserve(static_cast<std::size_t>(length));
    for (Py_ssize_t i = 0; i < length; ++i) {
        const Py_UCS4 code_point = PyUnicode_READ(kind, data, i);
        if (code_point >= first_surrogate && code_point <= last_surrogate) {
            append_escaped_surrogate(result.text, code_point);
            result.escaped_surrogates = true;
        } else {
            append_utf8(result.text, code_point);
        }
    }
    return result;
}

}  // namespace

Utf8Text utf8_text(pybind11::handle str) {
    PyObject* object = str.ptr();
    if (object == nullptr || !PyUnicode_Check(object)) {
        throw std::invalid_argument("utf8_text: not a str");
    }
    Py_ssize_t size = 0;
    const char* utf8 = PyUnicode_AsUTF8AndSize(object, &size);
    if (utf8 != nullptr) {
        return Utf8Text{std::string(utf8, static_cast<std::size_t>(size)), false};
    }
    // Only surrogates make a str unencodable (UnicodeEncodeError); walk its code points instead.
    PyErr_Clear();
    return encode_code_points(object);
}

std::string str_for_message(pybind11::handle object) {
    PyObject* text = PyObject_Str(object.ptr());
    if (text == nullptr) {
        PyObject* type = PyErr_Occurred();
        std::string type_name = type != nullptr ? reinterpret_cast<PyTypeObject*>(type)->tp_name : "?";
        PyErr_Clear();
        return "<str() failed: " + type_name + ">";
    }
    std::string result = utf8_text(text).text;
    Py_DECREF(text);
    return result;
}

}  // namespace parity::pyjson
