#include "bind_normalize.hpp"

#include <pybind11/stl.h>

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "parity/core/text/normalize.hpp"
#include "python_text.hpp"

namespace py = pybind11;

namespace parity::bindings {
namespace {

namespace text = parity::core::text;

using Normalizer = std::optional<std::u32string> (*)(std::u32string_view);

struct NormalizeFunction {
    const char* name;
    Normalizer normalize;
    const char* doc;
};

// Names, argument name and results mirror importer.matching.normalize, the Python reference.
constexpr std::array<NormalizeFunction, 5> normalize_functions{{
    {"normalize_text", text::normalize_text,
     "Canonical form of a name, street or city (docs/matching.md 2.1), or None when nothing is left."},
    {"normalize_email", text::normalize_email,
     "Email without separators, controls or format characters, case-folded (2.2), or None."},
    {"normalize_phone", text::normalize_phone, "The last 9 ASCII digits of a phone number (2.3), or None."},
    {"normalize_postcode", text::normalize_postcode,
     "Letters and numbers of a postcode, case-folded (2.4), or None."},
    {"normalize_date", text::normalize_date,
     "ISO YYYY-MM-DD form of a date (2.5), None when blank; raises DateParseError (a ValueError)."},
}};

// A str, or None for "missing". std::optional so that the signature reads Optional[str].
std::optional<py::str> to_python(const std::optional<std::u32string>& value) {
    if (!value) {
        return std::nullopt;
    }
    return from_code_points(*value);
}

py::object to_object(const std::optional<std::u32string>& value) {
    return value ? py::object(from_code_points(*value)) : py::object(py::none());
}

const NormalizeFunction& find_function(std::string_view name) {
    for (const NormalizeFunction& function : normalize_functions) {
        if (name == function.name) {
            return function;
        }
    }
    throw py::value_error("normalize_batch: unknown function '" + std::string(name) + "'");
}

/// DateParseError instances for a batch, one per message: a batch may hold a million unreadable dates.
class DateParseErrors {
  public:
    explicit DateParseErrors(py::handle type) : type_(type) {}

    py::object get(std::string_view message) {
        for (const auto& [known_message, error] : errors_) {
            if (known_message == message) {
                return error;
            }
        }
        return errors_.emplace_back(message, type_(std::string(message))).second;
    }

  private:
    py::handle type_;
    std::vector<std::pair<std::string_view, py::object>> errors_;  // messages are string literals
};

// The loop of normalize_batch, on CPython's sequence and list API: a test passes a million values.
py::list normalize_batch(Normalizer normalize, const py::sequence& values, py::handle date_parse_error) {
    const auto items =
        py::reinterpret_steal<py::object>(PySequence_Fast(values.ptr(), "values: expected a sequence"));
    if (!items) {
        throw py::error_already_set();
    }
    // Dates without C++ exceptions: a batch may hold many unreadable ones.
    const bool is_date = normalize == text::normalize_date;
    DateParseErrors date_errors(date_parse_error);
    const Py_ssize_t size = PySequence_Fast_GET_SIZE(items.ptr());
    PyObject** const item = PySequence_Fast_ITEMS(items.ptr());
    py::list results(size);
    for (Py_ssize_t index = 0; index < size; ++index) {
        if (!PyUnicode_Check(item[index])) {
            throw py::type_error("normalize_batch: values[" + std::to_string(index) + "] is not a str");
        }
        const std::u32string code_points = to_code_points(item[index]);
        py::object result;
        if (!is_date) {
            result = to_object(normalize(code_points));
        } else if (const text::DateNormalization date = text::try_normalize_date(code_points);
                   date.error.empty()) {
            result = to_object(date.value);
        } else {
            result = date_errors.get(date.error);
        }
        PyList_SET_ITEM(results.ptr(), index, result.release().ptr());  // steals the reference
    }
    return results;
}

}  // namespace

void bind_normalize(py::module_& module) {
    // A C++ DateParseError raised out of any function reaches Python as this ValueError subclass.
    // Kept alive by pybind11 for the life of the module.
    const py::handle date_parse_error =
        py::register_exception<text::DateParseError>(module, "DateParseError", PyExc_ValueError);

    for (const NormalizeFunction& function : normalize_functions) {
        const Normalizer normalize = function.normalize;
        module.def(
            function.name,
            [normalize](const py::str& value) { return to_python(normalize(to_code_points(value))); },
            py::arg("value"), function.doc);
    }

    module.def(
        "normalize_batch",
        [date_parse_error](const std::string& function_name, const py::sequence& values) {
            return normalize_batch(find_function(function_name).normalize, values, date_parse_error);
        },
        py::arg("function"), py::arg("values"),
        "[function(value) for value in values], function named as in this module ('normalize_text', ...), "
        "with a DateParseError in place of each value normalize_date rejects (one instance per message). "
        "For bulk checks.");
}

}  // namespace parity::bindings
