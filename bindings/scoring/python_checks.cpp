#include "python_checks.hpp"

#include <pybind11/pybind11.h>

#include <cmath>
#include <cstdarg>

namespace parity::bindings::scoring {

void throw_python_error() {
    throw pybind11::error_already_set();
}

void raise_formatted(PyObject* type, const char* format, ...) {
    std::va_list arguments;
    va_start(arguments, format);
    PyObject* message = PyUnicode_FromFormatV(format, arguments);
    va_end(arguments);
    if (message != nullptr) {
        PyErr_SetObject(type, message);
        Py_DECREF(message);
    }
    throw_python_error();
}

OwnedRef type_name(PyObject* value) {
    PyObject* name = PyType_GetName(Py_TYPE(value));
    if (name == nullptr) {
        throw_python_error();
    }
    return OwnedRef(name);
}

bool is_mapping(PyObject* value) {
    if (PyDict_Check(value)) {
        return true;  // dict is registered as a Mapping, and so are its subclasses
    }
    static PyObject* const mapping_abc = [] {
        PyObject* module = PyImport_ImportModule("collections.abc");
        if (module == nullptr) {
            throw_python_error();
        }
        PyObject* abc = PyObject_GetAttrString(module, "Mapping");
        Py_DECREF(module);
        if (abc == nullptr) {
            throw_python_error();
        }
        return abc;  // kept for the life of the process
    }();
    const int answer = PyObject_IsInstance(value, mapping_abc);
    if (answer < 0) {
        throw_python_error();
    }
    return answer == 1;
}

OwnedRef lookup(PyObject* container, PyObject* key) {
    if (PyDict_CheckExact(container)) {
        // An exact dict has no __missing__: its `[key]` raises KeyError exactly when the key is absent.
        PyObject* value = PyDict_GetItemWithError(container, key);
        if (value == nullptr) {
            if (PyErr_Occurred() != nullptr) {
                throw_python_error();
            }
            return {};
        }
        Py_INCREF(value);
        return OwnedRef(value);
    }
    PyObject* value = PyObject_GetItem(container, key);
    if (value == nullptr) {
        if (PyErr_ExceptionMatches(PyExc_KeyError) != 0) {
            PyErr_Clear();
            return {};
        }
        throw_python_error();
    }
    return OwnedRef(value);
}

std::optional<double> finite_double(PyObject* number) {
    double value = 0.0;
    if (PyFloat_CheckExact(number)) {
        value = PyFloat_AS_DOUBLE(number);
    } else {
        // float(number): PyLong_AsDouble for an exact int, else the type's own conversion.
        PyObject* converted = PyLong_CheckExact(number) ? nullptr : PyNumber_Float(number);
        if (converted != nullptr) {
            value = PyFloat_AS_DOUBLE(converted);
            Py_DECREF(converted);
        } else if (PyLong_CheckExact(number)) {
            value = PyLong_AsDouble(number);
        } else {
            value = -1.0;
        }
        if (value == -1.0 && PyErr_Occurred() != nullptr) {
            if (PyErr_ExceptionMatches(PyExc_OverflowError) == 0) {
                throw_python_error();
            }
            PyErr_Clear();
            return std::nullopt;
        }
    }
    if (!std::isfinite(value)) {
        return std::nullopt;
    }
    return value;
}

}  // namespace parity::bindings::scoring
