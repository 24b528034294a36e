#include "python_adapter.hpp"

#include <time.h>

#include <chrono>
#include <cmath>
#include <cstdint>
#include <string_view>
#include <utility>

#include <pybind11/pybind11.h>

#include "parity/pyjson/to_json.hpp"
#include "process_memory.hpp"
#include "python_error.hpp"

namespace parity::workers {
namespace {

namespace py = pybind11;

constexpr std::int64_t nanoseconds_per_second = 1'000'000'000;

std::int64_t cpu_clock_ns(clockid_t clock) {
    timespec now{};
    clock_gettime(clock, &now);
    return static_cast<std::int64_t>(now.tv_sec) * nanoseconds_per_second + now.tv_nsec;
}

/// Messages quote at most this much of a key or value.
constexpr std::size_t quoted_chars = 60;

/// repr(value), cut to quoted_chars; never raises.
std::string quoted(const py::handle value) {
    std::string text;
    try {
        text = py::repr(value).cast<std::string>();
    } catch (const std::exception&) {
        text = "<unprintable " + std::string(Py_TYPE(value.ptr())->tp_name) + ">";
    }
    return text.size() <= quoted_chars ? text : text.substr(0, quoted_chars) + "...";
}

std::string type_name(const py::handle value) {
    return Py_TYPE(value.ptr())->tp_name;
}

/// Checks stages()'s return value: a mapping of str to int or float seconds, finite and >= 0, at most
/// max_stages_per_run of them. Returns the problem, or "" with `stages` filled.
std::string check_stages(const py::object& returned, std::vector<StageTime>& stages) {
    static const py::object mapping = py::module_::import("collections.abc").attr("Mapping");
    if (returned.is_none()) {
        return {};
    }
    if (!py::isinstance(returned, mapping)) {
        return "returned " + type_name(returned) + ", not a mapping of stage name to seconds (or None)";
    }
    for (const py::handle key : returned) {  // a Mapping's keys, then mapping[key]: any Mapping will do
        const py::object value = returned[key];
        if (!PyUnicode_Check(key.ptr())) {
            return "returned the key " + quoted(key) + " (" + type_name(key) + "), not a str stage name";
        }
        Py_ssize_t size = 0;
        const char* utf8 = PyUnicode_AsUTF8AndSize(key.ptr(), &size);
        if (utf8 == nullptr) {
            PyErr_Clear();
            return "returned the key " + quoted(key) + ", which is not encodable as UTF-8";
        }
        const std::string name(utf8, static_cast<std::size_t>(size));
        if (name.empty() || name.size() > max_stage_name_bytes) {
            return "returned the key " + quoted(key) + ": a stage name is 1 to " +
                   std::to_string(max_stage_name_bytes) + " bytes";
        }
        if (stages.size() == max_stages_per_run) {
            return "returned more than " + std::to_string(max_stages_per_run) + " stages (at the key " +
                   quoted(key) + ")";
        }
        if (PyBool_Check(value.ptr()) || !(PyFloat_Check(value.ptr()) || PyLong_Check(value.ptr()))) {
            return "returned " + quoted(value) + " (" + type_name(value) + ") for the key " + quoted(key) +
                   ", not seconds as an int or float";
        }
        const double seconds = PyFloat_AsDouble(value.ptr());
        if (seconds == -1.0 && PyErr_Occurred() != nullptr) {
            PyErr_Clear();  // an int too large for a double
            return "returned " + quoted(value) + " for the key " + quoted(key) + ", out of range";
        }
        if (!std::isfinite(seconds) || seconds < 0) {
            return "returned " + quoted(value) + " for the key " + quoted(key) +
                   ", not a finite number of seconds >= 0";
        }
        stages.push_back({name, seconds});
    }
    return {};
}

/// "module:attribute.inner" -> the object; raises (as Python would) when a part is missing.
py::object resolve(std::string_view spec) {
    const auto colon = spec.find(':');
    if (colon == std::string_view::npos || colon == 0 || colon + 1 == spec.size()) {
        throw std::invalid_argument("not of the form module:attribute");
    }
    py::object target = py::module_::import(std::string(spec.substr(0, colon)).c_str());
    std::string_view rest = spec.substr(colon + 1);
    while (!rest.empty()) {
        const auto dot = rest.find('.');
        target = target.attr(py::str(std::string(rest.substr(0, dot))));
        rest = dot == std::string_view::npos ? std::string_view() : rest.substr(dot + 1);
    }
    return target;
}

PathResult error_result(const py::error_already_set& error) {
    const PythonError described = describe(error);
    PathResult result;
    result.status = PathStatus::error;
    result.value = {{"type", described.type}, {"message", described.message}};
    return result;
}

}  // namespace

PythonAdapter::PythonAdapter(PathName path, std::string spec) : path_(path), spec_(std::move(spec)) {
    const std::string prefix = std::string(to_string(path_)) + " adapter import failed: ";
    try {
        adapter_ = resolve(spec_);
    } catch (const py::error_already_set& error) {
        const std::string message = spec_ + ": " + one_line(describe(error));
        fail(message, prefix + message);
        return;
    } catch (const std::invalid_argument& error) {
        const std::string message = spec_ + ": " + error.what();
        fail(message, prefix + message);
        return;
    }
    for (const char* method : {"setup", "run"}) {
        if (!py::hasattr(adapter_, method) || !PyCallable_Check(adapter_.attr(method).ptr())) {
            const std::string message = spec_ + ": the adapter has no " + method + "() method";
            fail(message, prefix + message);
            return;
        }
    }
    if (py::hasattr(adapter_, "stages")) {
        stages_ = adapter_.attr("stages");
    }
    if (py::hasattr(adapter_, "domain")) {
        domain_ = adapter_.attr("domain");
    }
}

std::optional<std::string> PythonAdapter::out_of_domain(const py::bytes& request_line) const {
    if (!available() || !domain_ || domain_.is_none()) {
        return std::nullopt;
    }
    static const py::object loads = py::module_::import("json").attr("loads");
    try {
        const py::object verdict = domain_(context_, loads(request_line)["input"]);
        if (verdict.is_none()) {
            return std::nullopt;
        }
        if (PyUnicode_Check(verdict.ptr())) {
            return py::str(verdict).cast<std::string>();
        }
        return spec_ + ": domain() returned " + quoted(verdict) + " (" + type_name(verdict) +
               "), not a str or None";
    } catch (const py::error_already_set& error) {
        return spec_ + ": domain() raised " + one_line(describe(error));
    } catch (const std::exception& error) {
        return spec_ + ": domain() failed: " + error.what();
    }
}

void PythonAdapter::read_stages(PathResult& result) const {
    if (!stages_ || stages_.is_none()) {
        return;
    }
    std::string problem;
    try {
        problem = check_stages(stages_(context_), result.stages);
    } catch (const py::error_already_set& error) {
        problem = "raised " + one_line(describe(error));
    } catch (const std::exception& error) {
        problem = std::string("could not be read: ") + error.what();
    }
    if (!problem.empty()) {
        result.stages.clear();
        result.stages_problem = std::string(to_string(path_)) + " adapter " + spec_ + ": stages() " + problem;
    }
}

void PythonAdapter::setup(const py::dict& fixtures) {
    if (!available()) {
        return;
    }
    try {
        context_ = adapter_.attr("setup")(fixtures);
    } catch (const py::error_already_set& error) {
        const std::string failure = one_line(describe(error));
        fail(spec_ + ": setup failed: " + failure,
             std::string(to_string(path_)) + " adapter setup failed: " + spec_ + ": " + failure);
    }
}

void PythonAdapter::fail(std::string message, std::string detail) {
    problem_ = AdapterProblem{path_, spec_, std::move(message)};
    unavailable_detail_ = std::move(detail);
    adapter_ = py::object();
}

std::int64_t traced_python_heap_bytes() {
    static const py::object tracemalloc = py::module_::import("tracemalloc");
    if (!tracemalloc.attr("is_tracing")().cast<bool>()) {
        return 0;
    }
    return tracemalloc.attr("get_traced_memory")().cast<py::tuple>()[0].cast<std::int64_t>();
}

PathResult PythonAdapter::run(const py::bytes& request_line, const OutputBounds& bounds) const {
    if (!available()) {
        PathResult result;
        result.detail = unavailable_detail_;
        return result;
    }
    static const py::object loads = py::module_::import("json").attr("loads");
    py::object input;
    try {
        input = loads(request_line)["input"];
    } catch (const py::error_already_set& error) {
        PathResult result;  // unavailable: the adapter never ran, so there is no outcome to compare
        result.detail = "the request line could not be decoded: " + one_line(describe(error));
        return result;
    }

    const py::object run = adapter_.attr("run");
    const std::int64_t rss_before = resident_set_bytes();
    const std::int64_t heap_before = traced_python_heap_bytes();
    // The thread's CPU clock is read outside the wall-clock window. Unlike steady_clock (the vDSO,
    // about 30 ns), CLOCK_THREAD_CPUTIME_ID is a system call: 0.8 us each even in a tight loop
    // (`time.thread_time_ns()` against `time.perf_counter_ns()`, 810 against 104 ns here), more
    // right after other work. Inside the window the two of them were part of every wall time, a few
    // percent of a 15-row native call and nothing of the code under test.
    // The process's CPU clock (every thread of the worker: an adapter may hand its work to a thread of
    // its own and wait) is read outside the thread's, for the same reason.
    const std::int64_t process_cpu_start = cpu_clock_ns(CLOCK_PROCESS_CPUTIME_ID);
    const std::int64_t cpu_start = cpu_clock_ns(CLOCK_THREAD_CPUTIME_ID);
    const auto wall_start = std::chrono::steady_clock::now();
    PyObject* output = PyObject_CallFunctionObjArgs(run.ptr(), context_.ptr(), input.ptr(), nullptr);
    const auto wall_end = std::chrono::steady_clock::now();
    const std::int64_t cpu_end = cpu_clock_ns(CLOCK_THREAD_CPUTIME_ID);
    const std::int64_t process_cpu_end = cpu_clock_ns(CLOCK_PROCESS_CPUTIME_ID);

    PathResult result;
    if (output == nullptr) {
        result = error_result(py::error_already_set());
    } else {
        const py::object owned = py::reinterpret_steal<py::object>(output);
        try {
            // A string longer than the whole output may hold is summarised without being copied.
            pyjson::Converted converted = pyjson::to_json(owned, pyjson::ConversionLimits{bounds.max_bytes});
            result.status = PathStatus::ok;
            result.value = std::move(converted.value);
            result.notes = std::move(converted.notes);
            result.summarised_for_size = converted.summarised_strings;
        } catch (const py::error_already_set& error) {
            result = error_result(error);  // MemoryError and the like while converting
        }
    }
    bound_path_result(result, bounds);
    read_stages(result);
    result.wall_ns = std::chrono::duration_cast<std::chrono::nanoseconds>(wall_end - wall_start).count();
    result.cpu_ns = cpu_end - cpu_start;
    result.process_cpu_ns = process_cpu_end - process_cpu_start;
    result.rss_delta_bytes = resident_set_bytes() - rss_before;
    result.python_heap_delta_bytes = traced_python_heap_bytes() - heap_before;
    return result;
}

}  // namespace parity::workers
