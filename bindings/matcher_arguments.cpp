#include "matcher_arguments.hpp"

#include <Python.h>

#include <algorithm>
#include <cstddef>
#include <limits>
#include <string>

#include "parity/core/matching/fields.hpp"
#include "parity/platform/cpu_budget.hpp"

namespace py = pybind11;

namespace parity::bindings {
namespace {

namespace matching = parity::core::matching;

/// A checked count (a Python int >= 1): its value, or SIZE_MAX when it does not fit.
std::size_t saturated_count(const py::object& count) {
    const std::size_t value = PyLong_AsSize_t(count.ptr());
    if (value == static_cast<std::size_t>(-1) && PyErr_Occurred() != nullptr) {
        if (!PyErr_ExceptionMatches(PyExc_OverflowError)) {
            throw py::error_already_set();
        }
        PyErr_Clear();
        return std::numeric_limits<std::size_t>::max();
    }
    return value;
}

std::string type_name(py::handle value) {
    return py::str(py::type::handle_of(value).attr("__name__"));
}

}  // namespace

matching::MatchConfig to_core_config(py::handle config) {
    matching::MatchConfig core;
    const py::object weights = config.attr("weights");
    for (std::size_t i = 0; i < matching::field_count; ++i) {
        core.weights[i] = weights[py::str(std::string(matching::field_names[i]))].cast<double>();
    }
    core.match_threshold = config.attr("match_threshold").cast<double>();
    core.min_match_weight = config.attr("min_match_weight").cast<double>();
    core.possible_threshold = config.attr("possible_threshold").cast<double>();
    core.max_block_size = saturated_count(config.attr("max_block_size"));
    core.max_candidates = saturated_count(config.attr("max_candidates"));
    core.name_prefix_length = saturated_count(config.attr("name_prefix_length"));
    core.phone_block_digits = saturated_count(config.attr("phone_block_digits"));
    return core;
}

unsigned threads_for(py::handle threads) {
    if (PyBool_Check(threads.ptr()) || !PyLong_Check(threads.ptr())) {
        throw py::type_error("threads: expected an int, got " + type_name(threads));
    }
    int overflow = 0;
    const long long requested = PyLong_AsLongLongAndOverflow(threads.ptr(), &overflow);
    if (requested == -1 && PyErr_Occurred() != nullptr) {
        throw py::error_already_set();
    }
    if (overflow < 0 || (overflow == 0 && requested < 0)) {
        throw py::value_error("threads: expected an int >= 0 (0: one per CPU this process may use), got " +
                              std::string(py::str(threads)));
    }
    const unsigned usable = platform::usable_cpus();
    if (overflow > 0 || requested == 0 || static_cast<unsigned long long>(requested) > usable) {
        return usable;
    }
    return static_cast<unsigned>(requested);
}

}  // namespace parity::bindings
