#include "record_layouts.hpp"

#include "python_strings.hpp"

namespace parity::bindings::scoring {

const std::array<PyObject*, record_field_count>& record_field_keys() {
    static const std::array<PyObject*, record_field_count> keys = [] {
        std::array<PyObject*, record_field_count> made{};
        for (std::size_t f = 0; f < record_field_count; ++f) {
            made[f] = PyUnicode_InternFromString(record_field_names[f]);  // kept for the process
            if (made[f] == nullptr) {
                throw std::bad_alloc();
            }
        }
        return made;
    }();
    return keys;
}

void RecordLayouts::Layout::clear() {
    for (PyObject* key : keys) {
        Py_DECREF(key);
    }
    keys.clear();
    field.clear();
}

RecordLayouts::~RecordLayouts() {
    for (Layout& layout : layouts_) {
        layout.clear();
    }
}

bool RecordLayouts::read(PyObject* dict, FieldValues& values) {
    if (!PyDict_CheckExact(dict)) {
        return false;
    }
    const auto size = static_cast<std::size_t>(PyDict_GET_SIZE(dict));
    for (const Layout& layout : layouts_) {
        // A slot not learnt yet has no keys: an empty dict would "match" it without a value read, and the
        // record be read from the previous record's values (or null pointers). Found by parity fuzz.
        if (!layout.keys.empty() && layout.keys.size() == size && read_with(layout, dict, values)) {
            return true;
        }
    }
    return learn(dict, values);
}

bool RecordLayouts::read_with(const Layout& layout, PyObject* dict, FieldValues& values) {
    Py_ssize_t position = 0;
    PyObject* key = nullptr;
    PyObject* value = nullptr;
    std::size_t i = 0;
    while (PyDict_Next(dict, &position, &key, &value)) {
        if (key != layout.keys[i]) {
            return false;
        }
        if (layout.field[i] != ignored) {
            values[static_cast<std::size_t>(layout.field[i])] = value;
        }
        ++i;
    }
    return i == layout.keys.size();
}

bool RecordLayouts::learn(PyObject* dict, FieldValues& values) {
    const auto& field_keys = record_field_keys();
    Layout learnt;
    std::size_t found = 0;
    Py_ssize_t position = 0;
    PyObject* key = nullptr;
    PyObject* value = nullptr;
    while (PyDict_Next(dict, &position, &key, &value)) {
        if (!PyUnicode_CheckExact(key) || PyUnicode_READY(key) != 0) {
            PyErr_Clear();
            learnt.clear();
            return false;
        }
        std::int8_t field = ignored;
        const StrBytes key_bytes(key);
        for (std::size_t f = 0; f < record_field_count; ++f) {
            if (StrBytes(field_keys[f]) == key_bytes) {
                field = static_cast<std::int8_t>(f);
                values[f] = value;
                ++found;  // exact str keys of one dict are distinct: each field at most once
                break;
            }
        }
        Py_INCREF(key);
        learnt.keys.push_back(key);
        learnt.field.push_back(field);
    }
    if (found != record_field_count) {
        learnt.clear();
        return false;
    }
    Layout& slot = layouts_[next_];
    next_ = (next_ + 1) % shapes;
    slot.clear();
    slot = std::move(learnt);
    return true;
}

}  // namespace parity::bindings::scoring
