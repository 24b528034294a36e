// The private module `parity._diff`: the harness's C++ diff engine for Python callers, so the
// runtime's shadow mode compares with exactly the rules `parity replay --rules` applies.
// Wrapped by python/parity/diff.py; nothing here is specific to any kernel.

#include <pybind11/pybind11.h>
#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>

#include <string>

#include "parity/diff/diff.hpp"
#include "parity/diff/rules.hpp"
#include "parity/pyjson/to_json.hpp"
#include "released_gil.hpp"

namespace py = pybind11;

namespace {

using parity::diff::Outcome;
using parity::diff::Rules;

/// JSON value -> Python object (the values found at a difference's location).
py::object to_python(const nlohmann::json& value) {
    switch (value.type()) {
        case nlohmann::json::value_t::null: return py::none();
        case nlohmann::json::value_t::boolean: return py::bool_(value.get<bool>());
        case nlohmann::json::value_t::number_integer: return py::int_(value.get<std::int64_t>());
        case nlohmann::json::value_t::number_unsigned: return py::int_(value.get<std::uint64_t>());
        case nlohmann::json::value_t::number_float: return py::float_(value.get<double>());
        case nlohmann::json::value_t::string: return py::str(value.get_ref<const std::string&>());
        case nlohmann::json::value_t::array: {
            py::list list(value.size());
            for (std::size_t i = 0; i < value.size(); ++i) list[i] = to_python(value[i]);
            return list;
        }
        case nlohmann::json::value_t::object: {
            py::dict dict;
            for (const auto& [key, element] : value.items()) dict[py::str(key)] = to_python(element);
            return dict;
        }
        default: return py::none();  // binary and discarded values never come out of to_json
    }
}

Outcome outcome_of(bool is_error, py::handle value) {
    return Outcome{is_error, parity::pyjson::to_json(value).value};
}

py::list diff_outcomes(bool reference_is_error, py::handle reference, bool candidate_is_error,
                       py::handle candidate, const Rules& rules, std::size_t max_differences) {
    const Outcome left = outcome_of(reference_is_error, reference);
    const Outcome right = outcome_of(candidate_is_error, candidate);
    std::vector<parity::diff::Difference> differences;
    {
        // The walk touches no Python object: let other threads (the service) run meanwhile.
        parity::bindings::ReleasedGil released;
        differences = parity::diff::diff_outcomes(left, right, rules, {max_differences});
    }
    py::list result;
    for (const auto& difference : differences) {
        result.append(py::make_tuple(std::string(parity::diff::to_string(difference.kind)), difference.pointer,
                                     difference.pattern, to_python(difference.reference),
                                     to_python(difference.candidate), difference.detail));
    }
    return result;
}

}  // namespace

PYBIND11_MODULE(_diff, module) {
    module.doc() = "Parity's C++ diff engine (use parity.diff, which wraps it)";

    py::register_exception<parity::diff::RulesError>(module, "RulesError", PyExc_ValueError);

    py::class_<Rules>(module, "Rules")
        .def(py::init<>())
        .def_static(
            "from_document",
            [](py::handle document, const std::string& source) {
                return Rules::parse(parity::pyjson::to_json(document).value, source);
            },
            py::arg("document"), py::arg("source") = "<rules>")
        .def_static("load", &Rules::load, py::arg("path"))
        .def_property_readonly("empty", &Rules::empty);

    module.def("diff_outcomes", &diff_outcomes, py::arg("reference_is_error"), py::arg("reference"),
               py::arg("candidate_is_error"), py::arg("candidate"), py::arg("rules"),
               py::arg("max_differences") = 1000,
               "Differences between two outcomes: a list of (kind, pointer, pattern, reference, candidate, "
               "detail) tuples, empty when equal under the rules. An error outcome's value is "
               "{\"type\": ..., \"message\": ...}.");
}
