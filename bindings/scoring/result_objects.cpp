#include "result_objects.hpp"

#include <array>
#include <string>

#include "../dict_template.hpp"

namespace parity::bindings::scoring {
namespace {

namespace core = parity::scoring;

constexpr std::size_t result_key_count = 4;
constexpr std::size_t decision_count = 3;

PyObject* interned(const char* text) {
    PyObject* object = PyUnicode_InternFromString(text);
    if (object == nullptr) {
        throw_python_error();
    }
    return object;
}

/// The str objects every result reuses, made once and kept for the process (they must outlive every
/// dict template, which would otherwise be torn down after the interpreter).
struct ResultNames {
    std::array<PyObject*, result_key_count> keys{};
    std::array<PyObject*, decision_count> decisions{};  // by core::Decision
    std::array<PyObject*, core::feature_count> features{};
    DictTemplate* result = nullptr;

    ResultNames() {
        keys = {interned("id"), interned("score"), interned("decision"), interned("reasons")};
        decisions = {interned("approve"), interned("review"), interned("decline")};
        for (std::size_t f = 0; f < core::feature_count; ++f) {
            features[f] = interned(std::string(core::feature_names[f]).c_str());
        }
        result = new DictTemplate(keys);
    }
};

const ResultNames& names() {
    static const ResultNames* const instance = new ResultNames();  // leaked on purpose, like the strs
    return *instance;
}

}  // namespace

PyObject* result_dict(const core::Result& result, PyObject* id) {
    const ResultNames& made = names();
    PyObject* reasons = PyList_New(result.reason_count);
    PyObject* score = PyFloat_FromDouble(result.score);
    if (reasons != nullptr) {
        for (std::size_t r = 0; r < result.reason_count; ++r) {
            PyList_SET_ITEM(reasons, static_cast<Py_ssize_t>(r),
                            Py_NewRef(made.features[core::index_of(result.reasons[r])]));
        }
    }
    if (reasons == nullptr || score == nullptr) {
        Py_XDECREF(reasons);
        Py_XDECREF(score);
        Py_DECREF(id);
        return nullptr;
    }
    const std::array<PyObject*, result_key_count> values = {
        id, score, Py_NewRef(made.decisions[static_cast<std::size_t>(result.decision)]), reasons};
    return made.result->make_tracked(values);  // steals the values; `reasons` is a list
}

PyObject* result_list(std::span<const core::Result> results, std::span<OwnedRef> ids) {
    OwnedRef list(PyList_New(static_cast<Py_ssize_t>(results.size())));
    if (list.get() == nullptr) {
        throw_python_error();
    }
    for (std::size_t i = 0; i < results.size(); ++i) {
        PyObject* dict = result_dict(results[i], ids[i].release());
        if (dict == nullptr) {
            throw_python_error();
        }
        PyList_SET_ITEM(list.get(), static_cast<Py_ssize_t>(i), dict);
    }
    PyObject* out = list.get();
    Py_INCREF(out);
    return out;
}

}  // namespace parity::bindings::scoring
