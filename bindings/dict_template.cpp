#include "dict_template.hpp"

#include <cstdint>

namespace parity::bindings {
namespace {

#if PY_VERSION_HEX >= 0x030B0000 && PY_VERSION_HEX < 0x030C0000
constexpr bool built_for_python_311 = true;
#else
constexpr bool built_for_python_311 = false;
#endif

// CPython 3.11's PyDictKeysObject up to its index table (struct _dictkeysobject in
// Include/internal/pycore_dict.h). The index table follows, 1 << dk_log2_index_bytes bytes, then the
// entries; a table of str keys (dk_kind DICT_KEYS_UNICODE) has entries of a key and a value.
struct KeysHeader {
    Py_ssize_t dk_refcnt;
    std::uint8_t dk_log2_size;
    std::uint8_t dk_log2_index_bytes;
    std::uint8_t dk_kind;
    std::uint32_t dk_version;
    Py_ssize_t dk_usable;
    Py_ssize_t dk_nentries;
};
constexpr std::uint8_t dict_keys_unicode = 1;

struct UnicodeEntry {
    PyObject* key;
    PyObject* value;
};

KeysHeader* keys_of(PyObject* dict) {
    return reinterpret_cast<KeysHeader*>(reinterpret_cast<PyDictObject*>(dict)->ma_keys);
}

UnicodeEntry* entries_of(PyObject* dict) {
    KeysHeader* keys = keys_of(dict);
    char* indices = reinterpret_cast<char*>(keys) + sizeof(KeysHeader);
    return reinterpret_cast<UnicodeEntry*>(indices + (std::size_t{1} << keys->dk_log2_index_bytes));
}

/// CPython's _PyObject_GC_MAY_BE_TRACKED: a dict holding such a value must be tracked by the cycle
/// collector, as PyDict_SetItem would have made it.
bool may_be_tracked(PyObject* value) {
    if (!PyObject_IS_GC(value)) {
        return false;
    }
    return !PyTuple_CheckExact(value) || PyObject_GC_IsTracked(value) != 0;
}

void release(std::span<PyObject* const> values) {
    for (PyObject* value : values) {
        Py_XDECREF(value);
    }
}

}  // namespace

DictTemplate::DictTemplate(std::span<PyObject* const> keys) : keys_(keys.begin(), keys.end()) {
    template_ = PyDict_New();
    if (template_ == nullptr) {
        PyErr_Clear();
        return;  // no template: every dict is made by insert
    }
    for (PyObject* key : keys_) {
        if (PyDict_SetItem(template_, key, Py_None) != 0) {
            PyErr_Clear();
            Py_CLEAR(template_);
            return;
        }
    }
    copies_ = copy_layout_holds();
}

DictTemplate::~DictTemplate() {
    Py_XDECREF(template_);
}

bool DictTemplate::copy_layout_holds() const {
    if (!built_for_python_311 || keys_.empty()) {
        return false;
    }
    for (PyObject* key : keys_) {
        if (!PyUnicode_CheckExact(key)) {
            return false;
        }
    }
    PyObject* copy = PyDict_Copy(template_);
    if (copy == nullptr) {
        PyErr_Clear();
        return false;
    }
    const auto count = static_cast<Py_ssize_t>(keys_.size());
    const auto* copied = reinterpret_cast<PyDictObject*>(copy);
    // A combined table of its own (not the template's, not split), holding exactly the keys.
    bool holds = copied->ma_values == nullptr && copied->ma_used == count &&
                 copied->ma_keys != reinterpret_cast<PyDictObject*>(template_)->ma_keys;
    if (holds) {
        const KeysHeader* keys = keys_of(copy);
        holds = keys->dk_refcnt == 1 && keys->dk_kind == dict_keys_unicode && keys->dk_nentries == count &&
                keys->dk_log2_index_bytes < 8 * sizeof(std::size_t);
    }
    if (holds) {
        const UnicodeEntry* entries = entries_of(copy);
        for (std::size_t i = 0; holds && i < keys_.size(); ++i) {
            holds = entries[i].key == keys_[i] && entries[i].value == Py_None;
        }
    }
    if (holds) {
        // A value written into the first entry is what the dict then gives for the first key.
        UnicodeEntry& first = entries_of(copy)[0];
        PyObject* marker = PyLong_FromLong(20261126);
        if (marker == nullptr) {
            PyErr_Clear();
            holds = false;
        } else {
            first.value = marker;  // for the look-up only: None goes back in below
            PyObject* seen = PyDict_GetItemWithError(copy, keys_[0]);
            holds = seen == marker;
            PyErr_Clear();
            first.value = Py_None;
            Py_DECREF(marker);
        }
    }
    Py_DECREF(copy);
    return holds;
}

PyObject* DictTemplate::make(std::span<PyObject* const> values) const {
    return copies_ ? make_by_copy(values, false) : make_by_insert(values);
}

PyObject* DictTemplate::make_tracked(std::span<PyObject* const> values) const {
    return copies_ ? make_by_copy(values, true) : make_by_insert(values);
}

PyObject* DictTemplate::make_by_copy(std::span<PyObject* const> values, bool track) const {
    PyObject* dict = PyDict_Copy(template_);
    if (dict == nullptr) {
        release(values);
        return nullptr;
    }
    UnicodeEntry* entries = entries_of(dict);
    for (std::size_t i = 0; i < keys_.size(); ++i) {
        PyObject* previous = entries[i].value;  // None, from the template
        entries[i].value = values[i];
        Py_DECREF(previous);
        track = track || may_be_tracked(values[i]);
    }
    if (track && PyObject_GC_IsTracked(dict) == 0) {
        PyObject_GC_Track(dict);
    }
    return dict;
}

PyObject* DictTemplate::make_by_insert(std::span<PyObject* const> values) const {
    PyObject* dict = _PyDict_NewPresized(static_cast<Py_ssize_t>(keys_.size()));
    if (dict == nullptr) {
        release(values);
        return nullptr;
    }
    for (std::size_t i = 0; i < keys_.size(); ++i) {
        if (PyDict_SetItem(dict, keys_[i], values[i]) != 0) {
            Py_DECREF(dict);
            release(values);
            return nullptr;
        }
    }
    release(values);
    return dict;
}

}  // namespace parity::bindings
