#include "model_reader.hpp"

#include <cstddef>
#include <string>
#include <utility>

#include "python_checks.hpp"
#include "python_strings.hpp"

namespace parity::bindings::scoring {
namespace {

namespace core = parity::scoring;

constexpr const char* model_format = "parity.scoring.model";

OwnedRef str_object(const char* text) {
    PyObject* object = PyUnicode_FromString(text);
    if (object == nullptr) {
        throw_python_error();
    }
    return OwnedRef(object);
}

/// `container[key]`, which must be present: else ValueError "<where>: missing".
OwnedRef required(PyObject* container, const char* key, const char* where) {
    const OwnedRef name = str_object(key);
    OwnedRef value = lookup(container, name.get());
    if (value.get() == nullptr) {
        raise_formatted(PyExc_ValueError, "%s: missing", where);
    }
    return value;
}

/// A finite number's double; `where` is a str object (it may name an mcc code, any str).
double checked_number(PyObject* value, PyObject* where) {
    if (!is_number(value)) {
        const OwnedRef name = type_name(value);
        raise_formatted(PyExc_TypeError, "%U: expected a number, got %U", where, name.get());
    }
    const std::optional<double> converted = finite_double(value);
    if (!converted) {
        raise_formatted(PyExc_ValueError, "%U: not a finite number", where);
    }
    return *converted;
}

double required_number(PyObject* container, const char* key, const char* where) {
    const OwnedRef value = required(container, key, where);
    const OwnedRef where_text = str_object(where);
    return checked_number(value.get(), where_text.get());
}

OwnedRef required_mapping(PyObject* container, const char* key, const char* where) {
    OwnedRef value = required(container, key, where);
    if (!is_mapping(value.get())) {
        const OwnedRef name = type_name(value.get());
        raise_formatted(PyExc_TypeError, "%s: expected a mapping, got %U", where, name.get());
    }
    return value;
}

int contains(PyObject* container, PyObject* key) {
    const int answer = PySequence_Contains(container, key);
    if (answer < 0) {
        throw_python_error();
    }
    return answer;
}

/// The feature weights, in FEATURES order, after the missing- and unknown-feature checks.
core::FeatureVector read_weights(PyObject* weights) {
    OwnedRef names[core::feature_count];
    OwnedRef known(PySet_New(nullptr));
    if (known.get() == nullptr) {
        throw_python_error();
    }
    for (std::size_t f = 0; f < core::feature_count; ++f) {
        names[f] = str_object(std::string(core::feature_names[f]).c_str());
        if (PySet_Add(known.get(), names[f].get()) != 0) {
            throw_python_error();
        }
    }
    for (std::size_t f = 0; f < core::feature_count; ++f) {
        if (contains(weights, names[f].get()) == 0) {
            raise_formatted(PyExc_ValueError, "model.weights: missing feature '%U'", names[f].get());
        }
    }
    // sorted(str(key) for key in weights if key not in known)[0]
    const OwnedRef unknown(PyList_New(0));
    const OwnedRef keys(PyObject_GetIter(weights));
    if (unknown.get() == nullptr || keys.get() == nullptr) {
        throw_python_error();
    }
    while (PyObject* key = PyIter_Next(keys.get())) {
        const OwnedRef held(key);
        const int is_known = PySet_Contains(known.get(), key);
        if (is_known < 0) {
            throw_python_error();
        }
        if (is_known == 0) {
            const OwnedRef text(PyObject_Str(key));
            if (text.get() == nullptr || PyList_Append(unknown.get(), text.get()) != 0) {
                throw_python_error();
            }
        }
    }
    if (PyErr_Occurred() != nullptr) {
        throw_python_error();
    }
    if (PyList_GET_SIZE(unknown.get()) > 0) {
        if (PyList_Sort(unknown.get()) != 0) {
            throw_python_error();
        }
        raise_formatted(PyExc_ValueError, "model.weights: unknown feature '%U'",
                        PyList_GET_ITEM(unknown.get(), 0));
    }
    core::FeatureVector values{};
    for (std::size_t f = 0; f < core::feature_count; ++f) {
        const std::string where = "model.weights." + std::string(core::feature_names[f]);
        values[f] = required_number(weights, std::string(core::feature_names[f]).c_str(), where.c_str());
    }
    return values;
}

core::Thresholds read_thresholds(PyObject* model) {
    const OwnedRef thresholds = required_mapping(model, "thresholds", "model.thresholds");
    const double review = required_number(thresholds.get(), "review", "model.thresholds.review");
    const double decline = required_number(thresholds.get(), "decline", "model.thresholds.decline");
    if (!(0.0 <= review && review <= decline && decline <= 1.0)) {
        const OwnedRef review_float(PyFloat_FromDouble(review));
        const OwnedRef decline_float(PyFloat_FromDouble(decline));
        if (review_float.get() == nullptr || decline_float.get() == nullptr) {
            throw_python_error();
        }
        raise_formatted(PyExc_ValueError,
                        "model.thresholds: expected 0 <= review <= decline <= 1, got review=%R decline=%R",
                        review_float.get(), decline_float.get());
    }
    return {review, decline};
}

/// mcc_risk entry by entry in its iteration order (`.items()`): the key, then its value.
void read_mcc_risk(PyObject* model, core::Model& out) {
    const OwnedRef table = required_mapping(model, "mcc_risk", "model.mcc_risk");
    const OwnedRef items(PyObject_CallMethod(table.get(), "items", nullptr));
    if (items.get() == nullptr) {
        throw_python_error();
    }
    const OwnedRef entries(PyObject_GetIter(items.get()));
    if (entries.get() == nullptr) {
        throw_python_error();
    }
    while (PyObject* entry = PyIter_Next(entries.get())) {
        const OwnedRef held(entry);
        PyObject* key = nullptr;
        PyObject* value = nullptr;
        if (!PyArg_ParseTuple(entry, "OO", &key, &value)) {
            throw_python_error();
        }
        if (!PyUnicode_Check(key)) {
            const OwnedRef name = type_name(key);
            raise_formatted(PyExc_TypeError, "model.mcc_risk: expected str keys, got %U", name.get());
        }
        const OwnedRef where(PyUnicode_FromFormat("model.mcc_risk.%U", key));
        if (where.get() == nullptr) {
            throw_python_error();
        }
        const double risk = checked_number(value, where.get());
        out.mcc_risk.insert_or_assign(code_point_bytes(key), risk);
    }
    if (PyErr_Occurred() != nullptr) {
        throw_python_error();
    }
}

}  // namespace

ReadModel read_model(PyObject* model) {
    if (!is_mapping(model)) {
        const OwnedRef name = type_name(model);
        raise_formatted(PyExc_TypeError, "model: expected a mapping, got %U", name.get());
    }
    ReadModel read;
    core::Model& out = read.model;

    const OwnedRef format = required(model, "format", "model.format");
    bool format_ok = PyUnicode_Check(format.get());
    if (format_ok) {
        const OwnedRef expected = str_object(model_format);
        const int equal = PyObject_RichCompareBool(format.get(), expected.get(), Py_EQ);
        if (equal < 0) {
            throw_python_error();
        }
        format_ok = equal == 1;
    }
    if (!format_ok) {
        raise_formatted(PyExc_ValueError, "model.format: expected '%s', got %R", model_format, format.get());
    }

    OwnedRef version = required(model, "version", "model.version");
    if (!PyUnicode_Check(version.get())) {
        const OwnedRef name = type_name(version.get());
        raise_formatted(PyExc_TypeError, "model.version: expected str, got %U", name.get());
    }
    out.version = code_point_bytes(version.get());

    out.intercept = required_number(model, "intercept", "model.intercept");
    const OwnedRef weights = required_mapping(model, "weights", "model.weights");
    out.weights = read_weights(weights.get());
    out.thresholds = read_thresholds(model);
    read_mcc_risk(model, out);
    out.mcc_risk_default = required_number(model, "mcc_risk_default", "model.mcc_risk_default");
    read.version = std::move(version);
    return read;
}

}  // namespace parity::bindings::scoring
