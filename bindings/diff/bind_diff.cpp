// The private module `parity._diff`: the harness's C++ diff engine for Python callers, so the
// runtime's shadow mode compares with exactly the rules `parity replay --rules` applies.
// Wrapped by python/parity/diff.py; nothing here is specific to any kernel.

#include <pybind11/pybind11.h>
#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>

#include <string>
#include <utility>
#include <vector>

#include "parity/diff/diff.hpp"
#include "parity/diff/rules.hpp"
#include "parity/pyjson/same_json.hpp"
#include "parity/pyjson/to_json.hpp"
#include "released_gil.hpp"

namespace py = pybind11;

namespace {

using parity::diff::Outcome;
using parity::diff::Rules;

/// A scalar's Python object, or an empty list or dict for an array or object.
py::object shallow_python(const nlohmann::json& value) {
    switch (value.type()) {
        case nlohmann::json::value_t::null:
            return py::none();
        case nlohmann::json::value_t::boolean:
            return py::bool_(value.get<bool>());
        case nlohmann::json::value_t::number_integer:
            return py::int_(value.get<std::int64_t>());
        case nlohmann::json::value_t::number_unsigned:
            return py::int_(value.get<std::uint64_t>());
        case nlohmann::json::value_t::number_float:
            return py::float_(value.get<double>());
        case nlohmann::json::value_t::string:
            return py::str(value.get_ref<const std::string&>());
        case nlohmann::json::value_t::array:
            return py::list();
        case nlohmann::json::value_t::object:
            return py::dict();
        default:
            return py::none();  // binary and discarded values never come out of to_json
    }
}

/// JSON value -> Python object (the values found at a difference's location). Iterative, with a stack
/// of the containers being filled: a value may be nested deeper than the C stack allows recursion.
py::object to_python(const nlohmann::json& value) {
    py::object root = shallow_python(value);
    struct Frame {
        const nlohmann::json* source;
        py::object target;
        nlohmann::json::const_iterator next;
    };
    std::vector<Frame> stack;
    if (value.is_structured()) {
        stack.push_back(Frame{&value, root, value.cbegin()});
    }
    while (!stack.empty()) {
        Frame& frame = stack.back();
        if (frame.next == frame.source->cend()) {
            stack.pop_back();
            continue;
        }
        const nlohmann::json& element = *frame.next;
        py::object converted = shallow_python(element);
        if (frame.source->is_object()) {
            frame.target.cast<py::dict>()[py::str(frame.next.key())] = converted;
        } else {
            frame.target.cast<py::list>().append(converted);
        }
        ++frame.next;
        if (element.is_structured()) {  // invalidates `frame`, which is not used after this
            stack.push_back(Frame{&element, std::move(converted), element.cbegin()});
        }
    }
    return root;
}

Outcome outcome_of(bool is_error, py::handle value) {
    return Outcome{is_error, parity::pyjson::to_json(value).value};
}

/// Both sides converted to JSON, then diffed. parity.diff asks same_json first, and comes here only for
/// sides it could not prove equal: converting both costs many times walking them.
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
    module.def(
        "same_json",
        [](py::handle reference, py::handle candidate) {
            return parity::pyjson::same_json(reference, candidate);
        },
        py::arg("reference"), py::arg("candidate"),
        "True when both values certainly convert to the same JSON value, so that no rules can find a "
        "difference between them (docs/diff-rules.md, Limits and cost); False when they differ or it "
        "was not proven: then diff_outcomes gives the answer.");
}
