#include "python_error.hpp"

#include <Python.h>

#include <filesystem>

#include <pybind11/pybind11.h>  // error_already_set needs handle::cast, defined in cast.h

#include "parity/pyjson/utf8_text.hpp"

namespace parity::workers {
namespace {

std::string type_name(pybind11::handle type) {
    if (!type || !PyType_Check(type.ptr())) {
        return "unknown error";
    }
    PyObject* name = PyType_GetName(reinterpret_cast<PyTypeObject*>(type.ptr()));
    if (name == nullptr) {
        PyErr_Clear();
        return reinterpret_cast<PyTypeObject*>(type.ptr())->tp_name;
    }
    std::string result = pyjson::utf8_text(name).text;
    Py_DECREF(name);
    return result;
}

/// The innermost frame of a traceback: where the exception was raised.
std::string innermost_location(const pybind11::object& traceback) {
    if (!traceback || traceback.is_none()) {
        return {};
    }
    try {
        pybind11::object frame = traceback;
        while (!frame.attr("tb_next").is_none()) {
            frame = frame.attr("tb_next");
        }
        const pybind11::object code = frame.attr("tb_frame").attr("f_code");
        const std::string file = pyjson::str_for_message(code.attr("co_filename"));
        return std::filesystem::path(file).filename().string() + ":" +
               pyjson::str_for_message(frame.attr("tb_lineno")) + " in " +
               pyjson::str_for_message(code.attr("co_name"));
    } catch (const pybind11::error_already_set&) {
        return {};  // a location is a courtesy; never fail a report for it
    }
}

}  // namespace

PythonError describe(const pybind11::error_already_set& error) {
    return PythonError{type_name(error.type()), error.value() ? pyjson::str_for_message(error.value()) : "",
                       innermost_location(error.trace())};
}

std::string one_line(const PythonError& error) {
    std::string line = error.type;
    if (!error.message.empty()) {
        line += ": " + error.message;
    }
    if (!error.location.empty()) {
        line += " (at " + error.location + ")";
    }
    return line;
}

}  // namespace parity::workers
