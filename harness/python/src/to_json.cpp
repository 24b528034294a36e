#include "parity/pyjson/to_json.hpp"

#include <Python.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_set>
#include <utility>

#include <pybind11/pybind11.h>  // error_already_set needs handle::cast, defined in cast.h

#include "parity/bounds/value_summary.hpp"
#include "parity/pyjson/utf8_text.hpp"

namespace parity::pyjson {
namespace {

using nlohmann::json;

constexpr Py_ssize_t max_repr_code_points = 200;
constexpr int decimal_base = 10;
constexpr int hexadecimal_base = 16;

/// A strong reference released at scope exit: items are held while converted, because a repr()
/// called on the way may mutate (and free) the container they came from.
class Owned {
  public:
    explicit Owned(PyObject* object) noexcept : object_(object) {}
    Owned(const Owned&) = delete;
    Owned& operator=(const Owned&) = delete;
    ~Owned() {
        Py_XDECREF(object_);
    }
    [[nodiscard]] PyObject* get() const noexcept {
        return object_;
    }

  private:
    PyObject* object_;
};

Owned borrowed(PyObject* object) noexcept {
    Py_INCREF(object);
    return Owned(object);
}

void append_pointer_token(std::string& pointer, std::string_view token) {
    pointer.push_back('/');
    for (const char c : token) {
        if (c == '~') {
            pointer += "~0";
        } else if (c == '/') {
            pointer += "~1";
        } else {
            pointer.push_back(c);
        }
    }
}

/// The pending Python exception as "Type: message", cleared.
std::string take_error_text() {
    PyObject* type = nullptr;
    PyObject* value = nullptr;
    PyObject* traceback = nullptr;
    PyErr_Fetch(&type, &value, &traceback);
    PyErr_NormalizeException(&type, &value, &traceback);
    const Owned type_ref(type);
    const Owned value_ref(value);
    const Owned traceback_ref(traceback);
    std::string text = type != nullptr ? reinterpret_cast<PyTypeObject*>(type)->tp_name : "unknown error";
    if (value != nullptr) {
        text += ": " + str_for_message(value);
    }
    return text;
}

/// The text of a new reference to a str, or of the error that prevented it.
std::string text_or_error(PyObject* maybe_str, std::string_view what) {
    if (maybe_str == nullptr) {
        // Appended piece by piece: GCC 12 warns (-Wrestrict, wrongly) on the chain of operator+.
        std::string text = "<";
        text.append(what).append(" failed: ").append(take_error_text()).append(">");
        return text;
    }
    const Owned owned(maybe_str);
    return utf8_text(maybe_str).text;
}

std::string type_qualname(PyTypeObject* type) {
    return text_or_error(PyType_GetQualName(type), "__qualname__");
}

std::string type_full_name(PyTypeObject* type) {
    std::string module =
        text_or_error(PyObject_GetAttrString(reinterpret_cast<PyObject*>(type), "__module__"), "__module__");
    std::string qualname = type_qualname(type);
    return module == "builtins" ? qualname : module + "." + qualname;
}

/// repr(object) cut to max_repr_code_points code points, or a placeholder when repr() raises.
std::string short_repr(PyObject* object) {
    PyObject* repr = PyObject_Repr(object);
    if (repr == nullptr) {
        return "<repr() failed: " + take_error_text() + ">";
    }
    const Owned repr_ref(repr);
    if (PyUnicode_GET_LENGTH(repr) <= max_repr_code_points) {
        return utf8_text(repr).text;
    }
    return text_or_error(PyUnicode_Substring(repr, 0, max_repr_code_points), "repr()");
}

/// Digits of an int (int.__repr__ of its value, whatever a subclass's __str__ says). Python 3.11
/// refuses decimal conversion of ints beyond 4,300 digits; those are written in hexadecimal.
std::string int_digits(PyObject* integer, bool& hexadecimal) {
    hexadecimal = false;
    PyObject* digits = PyNumber_ToBase(integer, decimal_base);
    if (digits == nullptr) {
        PyErr_Clear();
        hexadecimal = true;
        digits = PyNumber_ToBase(integer, hexadecimal_base);
    }
    return text_or_error(digits, "int to str");
}

/// float.__repr__ as json.dumps writes float keys: "1.5", "NaN", "Infinity", "-Infinity".
std::string float_key(double value) {
    if (Py_IS_NAN(value)) {
        return "NaN";
    }
    if (Py_IS_INFINITY(value)) {
        return value > 0 ? "Infinity" : "-Infinity";
    }
    char* text = PyOS_double_to_string(value, 'r', 0, Py_DTSF_ADD_DOT_0, nullptr);
    if (text == nullptr) {
        PyErr_Clear();
        return "<float repr failed>";
    }
    std::string result(text);
    PyMem_Free(text);
    return result;
}

std::string hex_bytes(PyObject* bytes) {
    constexpr std::string_view hex_digits = "0123456789abcdef";
    const auto* data = reinterpret_cast<const unsigned char*>(PyBytes_AS_STRING(bytes));
    const auto size = static_cast<std::size_t>(PyBytes_GET_SIZE(bytes));
    std::string result;
    result.reserve(2 * size);
    for (std::size_t i = 0; i < size; ++i) {
        result.push_back(hex_digits[data[i] >> 4]);
        result.push_back(hex_digits[data[i] & 0xF]);
    }
    return result;
}

/// One conversion. Iterative, with an explicit stack of the containers being filled, so that deep
/// nesting costs heap rather than the thread's stack (whatever the build's frame sizes). Tracks the
/// notes so far, the JSON pointer of the value being converted and the containers enclosing it (a
/// container met again among them is a cycle).
class Converter {
  public:
    Converted run(PyObject* root) {
        Converted result;
        convert(root, result.value);
        while (!stack_.empty()) {
            step();
        }
        result.notes = std::move(notes_);
        result.summarised_strings = summarised_strings_;
        return result;
    }

    explicit Converter(const ConversionLimits& limits) : limits_(limits) {}
    Converter(const Converter&) = delete;
    Converter& operator=(const Converter&) = delete;
    ~Converter() {
        for (const Frame& frame : stack_) {  // only when an exception ended the conversion early
            Py_DECREF(frame.container);
        }
    }

  private:
    /// A container whose members are being converted into `out`.
    struct Frame {
        PyObject* container;       // a strong reference, released when the frame is popped
        json* out;                 // its array or object; stable while the frame is on the stack
        Py_ssize_t position = 0;   // list/tuple: next index; dict: PyDict_Next's position
        std::size_t pointer_mark;  // length of pointer_ for the container itself
    };

    void note(std::string message) {
        notes_.push_back(ConversionNote{pointer_, std::move(message)});
    }

    /// Converts `object` into `out`; a container is only opened, its members follow in step().
    void convert(PyObject* object, json& out) {
        if (object == Py_None) {
            out = nullptr;
        } else if (PyBool_Check(object)) {
            out = object == Py_True;
        } else if (PyLong_Check(object)) {
            convert_int(object, out);
        } else if (PyFloat_Check(object)) {
            out = PyFloat_AS_DOUBLE(object);
        } else if (PyUnicode_Check(object)) {
            convert_str(object, out);
        } else if (PyList_Check(object) || PyTuple_Check(object) || PyDict_Check(object)) {
            open_container(object, out);
        } else if (PyBytes_Check(object)) {
            out = json::object({{"$bytes", hex_bytes(object)}});
            note("bytes written as {\"$bytes\": \"<hex>\"}");
        } else {
            convert_unsupported(object, out);
        }
    }

    void open_container(PyObject* container, json& out) {
        // stack_.size() containers enclose this one.
        if (stack_.size() >= static_cast<std::size_t>(max_conversion_depth)) {
            out = json::object({{"$too_deep", true}});
            note("nested deeper than " + std::to_string(max_conversion_depth) + " containers");
            return;
        }
        if (!on_path_.insert(container).second) {
            out = json::object({{"$cycle", true}});
            note("container contains itself (cycle) here");
            return;
        }
        if (PyDict_Check(container)) {
            out = json::object();
        } else {
            out = json::array();
            const Py_ssize_t size =
                PyList_Check(container) ? PyList_GET_SIZE(container) : PyTuple_GET_SIZE(container);
            out.get_ref<json::array_t&>().reserve(static_cast<std::size_t>(size));
        }
        Py_INCREF(container);
        stack_.push_back(Frame{container, &out, 0, pointer_.size()});
    }

    /// Converts the next member of the innermost open container, or closes it.
    void step() {
        Frame& frame = stack_.back();
        pointer_.resize(frame.pointer_mark);
        PyObject* container = frame.container;
        if (PyDict_Check(container)) {
            step_dict(frame);
            return;
        }
        // A list's size is read again on every step: a repr() on the way may have shrunk it.
        const bool is_list = PyList_Check(container);
        const Py_ssize_t size = is_list ? PyList_GET_SIZE(container) : PyTuple_GET_SIZE(container);
        if (frame.position >= size) {
            close(frame);
            return;
        }
        const Py_ssize_t index = frame.position++;
        const Owned item =
            borrowed(is_list ? PyList_GET_ITEM(container, index) : PyTuple_GET_ITEM(container, index));
        json& slot = frame.out->get_ref<json::array_t&>().emplace_back();
        append_pointer_token(pointer_, std::to_string(index));
        convert(item.get(), slot);  // may push a frame: `frame` is not used after this
    }

    void step_dict(Frame& frame) {
        PyObject* key = nullptr;
        PyObject* value = nullptr;
        if (!PyDict_Next(frame.container, &frame.position, &key, &value)) {
            close(frame);
            return;
        }
        const Owned key_ref = borrowed(key);
        const Owned value_ref = borrowed(value);
        std::string key_note;
        std::string name = key_text(key, key_note);
        append_pointer_token(pointer_, name);
        if (!key_note.empty()) {
            note(std::move(key_note));
        }
        auto [member, inserted] = frame.out->get_ref<json::object_t&>().try_emplace(std::move(name));
        if (!inserted) {
            note("two keys convert to the same name; the later value is kept");
            member->second = nullptr;
        }
        convert(value, member->second);  // may push a frame: `frame` is not used after this
    }

    void close(const Frame& frame) {
        PyObject* container = frame.container;
        on_path_.erase(container);
        stack_.pop_back();
        Py_DECREF(container);
    }

    void convert_int(PyObject* integer, json& out) {
        int overflow = 0;
        const long long value = PyLong_AsLongLongAndOverflow(integer, &overflow);
        if (overflow == 0) {
            if (value == -1 && PyErr_Occurred() != nullptr) {
                throw pybind11::error_already_set();
            }
            out = static_cast<std::int64_t>(value);
            return;
        }
        if (overflow > 0) {
            const unsigned long long unsigned_value = PyLong_AsUnsignedLongLong(integer);
            if (unsigned_value != static_cast<unsigned long long>(-1) || PyErr_Occurred() == nullptr) {
                out = static_cast<std::uint64_t>(unsigned_value);
                return;
            }
            PyErr_Clear();  // OverflowError: beyond 64 bits
        }
        bool hexadecimal = false;
        out = json::object({{"$bigint", int_digits(integer, hexadecimal)}});
        note(hexadecimal ? "int beyond 64 bits, too long for decimal, written as {\"$bigint\": \"0x<hex>\"}"
                         : "int beyond 64 bits written as {\"$bigint\": \"<digits>\"}");
    }

    void convert_str(PyObject* str, json& out) {
        if (limits_.max_string_bytes != 0 && summarised_str(str, out)) {
            return;
        }
        Utf8Text text = utf8_text(str);
        if (!text.escaped_surrogates) {
            out = std::move(text.text);
            return;
        }
        out = json::object({{"$str_with_surrogates", std::move(text.text)}});
        note("str with lone surrogates written as {\"$str_with_surrogates\": \"<text with \\\\udXXX>\"}");
    }

    /// A str longer than the limit, written as its summary from its UTF-8 bytes (CPython's own
    /// buffer: no copy is made). False, with nothing written, for a str within the limit or with lone
    /// surrogates (those take the usual way, then are bounded as a JSON value).
    bool summarised_str(PyObject* str, json& out) {
        // A str has at least one UTF-8 byte per code point: most are decided without encoding.
        if (static_cast<std::size_t>(PyUnicode_GET_LENGTH(str)) * 4 <= limits_.max_string_bytes) {
            return false;
        }
        Py_ssize_t size = 0;
        const char* data = PyUnicode_AsUTF8AndSize(str, &size);
        if (data == nullptr) {
            PyErr_Clear();  // lone surrogates: not UTF-8
            return false;
        }
        if (static_cast<std::size_t>(size) <= limits_.max_string_bytes) {
            return false;
        }
        ++summarised_strings_;
        out = bounds::summary_json(
            bounds::summarise_string(std::string_view(data, static_cast<std::size_t>(size))));
        note("str of " + std::to_string(size) + " bytes written as its summary {\"$summary\": \"string\", " +
             "\"bytes\", \"sha256\", \"head\", \"tail\"}");
        return true;
    }

    /// A dict key as json.dumps names it; `key_note` is set when the name is not the key itself.
    static std::string key_text(PyObject* key, std::string& key_note) {
        if (PyUnicode_Check(key)) {
            Utf8Text text = utf8_text(key);
            if (text.escaped_surrogates) {
                key_note = "key with lone surrogates written with \\udXXX escapes";
            }
            return std::move(text.text);
        }
        if (key == Py_None || PyBool_Check(key)) {
            std::string name = key == Py_None ? "null" : key == Py_True ? "true" : "false";
            key_note = "key " + name + " written as the string \"" + name + "\"";
            return name;
        }
        if (PyLong_Check(key)) {
            bool hexadecimal = false;
            std::string name = int_digits(key, hexadecimal);
            key_note = "int key written as the string \"" + name + "\"";
            return name;
        }
        if (PyFloat_Check(key)) {
            std::string name = float_key(PyFloat_AS_DOUBLE(key));
            key_note = "float key written as the string \"" + name + "\"";
            return name;
        }
        std::string name = short_repr(key);
        key_note = "key of unsupported type " + type_full_name(Py_TYPE(key)) + " written as its repr";
        return name;
    }

    void convert_unsupported(PyObject* object, json& out) {
        PyTypeObject* type = Py_TYPE(object);
        out = json::object({{"$unsupported", type_qualname(type)}, {"repr", short_repr(object)}});
        note("unsupported type " + type_full_name(type) +
             " written as {\"$unsupported\": \"<type>\", \"repr\": \"<repr>\"}");
    }

    ConversionLimits limits_;
    std::uint64_t summarised_strings_ = 0;
    std::string pointer_;
    std::vector<ConversionNote> notes_;
    std::vector<Frame> stack_;
    std::unordered_set<PyObject*> on_path_;
};

}  // namespace

Converted to_json(pybind11::handle object) {
    return Converter(ConversionLimits{}).run(object.ptr());
}

Converted to_json(pybind11::handle object, const ConversionLimits& limits) {
    return Converter(limits).run(object.ptr());
}

}  // namespace parity::pyjson
