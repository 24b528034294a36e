#include "python_object_decoder.hpp"

#include <Python.h>

#include <array>
#include <bit>
#include <cfloat>
#include <cmath>
#include <limits>

#include <pybind11/eval.h>

namespace parity::fuzz {
namespace {

namespace py = pybind11;

/// Recursion of the decoder itself (C stack); deeper values come from deep_nesting, built iteratively.
constexpr int max_recursive_depth = 48;
constexpr std::uint8_t max_items = 8;
constexpr int levels_per_nesting_unit = 16;  // up to 4096 levels: far beyond any bound of 128
constexpr Py_UCS4 code_points = 0x110000;

enum class Tag : std::uint8_t {
    none,
    true_value,
    false_value,
    int64,
    small_int,
    big_int,
    raw_float,
    special_float,
    str,
    bytes,
    list,
    tuple,
    dict,
    set,
    frozenset,
    subclass,
    unsupported,
    deep,
    reference,
    count,
};
constexpr auto tag_count = static_cast<std::uint8_t>(Tag::count);

py::object steal_or_throw(PyObject* object) {
    if (object == nullptr) {
        throw py::error_already_set();
    }
    return py::reinterpret_steal<py::object>(object);
}

constexpr const char* helper_classes = R"(
class IntSubclass(int): pass
class FloatSubclass(float): pass
class StrSubclass(str): pass
class ListSubclass(list): pass
class DictSubclass(dict): pass
class FailingRepr:
    def __repr__(self):
        raise RuntimeError("repr refused")
class LongRepr:
    def __repr__(self):
        return "\u00e9" * 1000
)";

}  // namespace

PythonTypes::PythonTypes() {
    json_loads = py::module_::import("json").attr("loads");
    py::dict scope;
    scope["__builtins__"] = py::module_::import("builtins");
    py::exec(helper_classes, scope);
    int_subclass = scope["IntSubclass"];
    float_subclass = scope["FloatSubclass"];
    str_subclass = scope["StrSubclass"];
    list_subclass = scope["ListSubclass"];
    dict_subclass = scope["DictSubclass"];
    failing_repr = scope["FailingRepr"];
    long_repr = scope["LongRepr"];
}

py::object PythonObjectDecoder::decode() {
    return value(0);
}

std::uint8_t PythonObjectDecoder::byte() noexcept {
    return exhausted() ? 0 : data_[position_++];
}

std::uint64_t PythonObjectDecoder::word() noexcept {
    std::uint64_t result = 0;
    for (int i = 0; i < 8; ++i) {
        result = (result << 8) | byte();
    }
    return result;
}

py::object PythonObjectDecoder::value(int depth) {
    if (exhausted() || depth > max_recursive_depth) {
        return py::none();
    }
    const auto tag = static_cast<Tag>(byte() % tag_count);
    switch (tag) {
        case Tag::none:
            return py::none();
        case Tag::true_value:
            return py::bool_(true);
        case Tag::false_value:
            return py::bool_(false);
        case Tag::int64:
            return py::int_(static_cast<std::int64_t>(word()));
        case Tag::small_int:
            return py::int_(static_cast<std::int8_t>(byte()));
        case Tag::big_int:
            return this->big_int();
        case Tag::raw_float:
            return py::float_(std::bit_cast<double>(word()));
        case Tag::special_float:
            return this->special_float();
        case Tag::str:
            return text();
        case Tag::bytes: {
            std::string raw;
            for (std::uint8_t n = byte() % (4 * max_items); n > 0 && !exhausted(); --n) {
                raw.push_back(static_cast<char>(byte()));
            }
            return py::bytes(raw);
        }
        case Tag::subclass:
            return subclass_instance(depth);
        case Tag::unsupported:
            return this->unsupported();
        case Tag::deep:
            return deep_nesting(depth);
        case Tag::reference:
            if (containers_.empty()) {
                return py::none();
            }
            return containers_[byte() % containers_.size()];
        default:
            return container(static_cast<std::uint8_t>(tag), depth);
    }
}

py::object PythonObjectDecoder::container(std::uint8_t tag_byte, int depth) {
    const auto tag = static_cast<Tag>(tag_byte);
    const std::uint8_t count = byte() % (max_items + 1);
    switch (tag) {
        case Tag::list: {
            py::list result;
            containers_.push_back(result);  // before its items: an item may refer back to it
            for (std::uint8_t i = 0; i < count; ++i) {
                result.append(value(depth + 1));
            }
            return result;
        }
        case Tag::dict: {
            py::dict result;
            containers_.push_back(result);
            for (std::uint8_t i = 0; i < count; ++i) {
                const py::object key = value(depth + 1);
                const py::object item = value(depth + 1);
                if (PyDict_SetItem(result.ptr(), key.ptr(), item.ptr()) != 0) {
                    PyErr_Clear();  // an unhashable key: left out
                }
            }
            return result;
        }
        case Tag::tuple: {
            py::list items;
            for (std::uint8_t i = 0; i < count; ++i) {
                items.append(value(depth + 1));
            }
            return py::tuple(items);
        }
        default: {  // set, frozenset
            py::set result;
            for (std::uint8_t i = 0; i < count; ++i) {
                const py::object item = value(depth + 1);
                if (PySet_Add(result.ptr(), item.ptr()) != 0) {
                    PyErr_Clear();  // an unhashable item: left out
                }
            }
            if (tag == Tag::frozenset) {
                return steal_or_throw(PyFrozenSet_New(result.ptr()));
            }
            return result;
        }
    }
}

py::object PythonObjectDecoder::special_float() {
    static constexpr std::array<double, 12> specials = {
        std::numeric_limits<double>::quiet_NaN(),
        -std::numeric_limits<double>::quiet_NaN(),
        std::numeric_limits<double>::infinity(),
        -std::numeric_limits<double>::infinity(),
        -0.0,
        0.0,
        std::numeric_limits<double>::denorm_min(),
        -std::numeric_limits<double>::denorm_min(),
        DBL_MIN / 2,
        DBL_MAX,
        9007199254740993.0,  // 2^53 + 1, not a double: rounds
        0.1,
    };
    return py::float_(specials[byte() % specials.size()]);
}

py::object PythonObjectDecoder::big_int() {
    const std::uint8_t sign_and_length = byte();
    std::string hex = (sign_and_length & 1) != 0 ? "-0x0" : "0x0";
    for (std::uint8_t n = sign_and_length >> 1; n > 0; --n) {
        static constexpr char digits[] = "0123456789abcdef";
        const std::uint8_t b = byte();
        hex.push_back(digits[b >> 4]);
        hex.push_back(digits[b & 0xF]);
    }
    return steal_or_throw(PyLong_FromString(hex.c_str(), nullptr, 0));
}

py::object PythonObjectDecoder::text() {
    std::vector<Py_UCS4> characters;
    for (std::uint8_t n = byte() % (4 * max_items); n > 0 && !exhausted(); --n) {
        const std::uint8_t lead = byte();
        if (lead < 0x80) {
            characters.push_back(lead);
        } else if (lead < 0xA0) {  // a surrogate, most often lone
            characters.push_back(0xD800 + (((lead & 0x1FU) << 6) | (byte() & 0x3FU)));
        } else {
            const Py_UCS4 high = lead & 0x1FU;
            const Py_UCS4 middle = byte();
            characters.push_back(((high << 16) | (middle << 8) | byte()) % code_points);
        }
    }
    return steal_or_throw(PyUnicode_FromKindAndData(PyUnicode_4BYTE_KIND, characters.data(),
                                                    static_cast<Py_ssize_t>(characters.size())));
}

py::object PythonObjectDecoder::deep_nesting(int depth) {
    const std::uint8_t units = byte();
    const std::uint8_t shape = byte();
    py::object result = value(depth + 1);
    for (int level = 0; level < (units + 1) * levels_per_nesting_unit; ++level) {
        if ((shape & 1) != 0 && level % 2 == 1) {
            py::dict wrapper;
            wrapper["k"] = result;
            result = wrapper;
        } else {
            py::list wrapper;
            wrapper.append(result);
            result = wrapper;
        }
    }
    return result;
}

py::object PythonObjectDecoder::subclass_instance(int depth) {
    switch (byte() % 5) {
        case 0:
            return types_.int_subclass(static_cast<std::int64_t>(word()));
        case 1:
            return types_.float_subclass(std::bit_cast<double>(word()));
        case 2:
            return types_.str_subclass(text());
        case 3: {
            py::object result = types_.list_subclass();
            containers_.push_back(result);
            for (std::uint8_t n = byte() % (max_items + 1); n > 0; --n) {
                if (PyList_Append(result.ptr(), value(depth + 1).ptr()) != 0) {
                    throw py::error_already_set();
                }
            }
            return result;
        }
        default: {
            py::object result = types_.dict_subclass();
            containers_.push_back(result);
            for (std::uint8_t n = byte() % (max_items + 1); n > 0; --n) {
                const py::object key = value(depth + 1);
                if (PyDict_SetItem(result.ptr(), key.ptr(), value(depth + 1).ptr()) != 0) {
                    PyErr_Clear();
                }
            }
            return result;
        }
    }
}

py::object PythonObjectDecoder::unsupported() {
    switch (byte() % 6) {
        case 0:
            return steal_or_throw(PyComplex_FromDoubles(std::bit_cast<double>(word()), 1.0));
        case 1:
            return types_.failing_repr();
        case 2:
            return types_.long_repr();
        case 3:
            return py::reinterpret_borrow<py::object>(reinterpret_cast<PyObject*>(&PyLong_Type));
        case 4:
            return py::reinterpret_borrow<py::object>(Py_Ellipsis);
        default:
            return py::module_::import("builtins").attr("object")();
    }
}

}  // namespace parity::fuzz
