#pragma once

// Python objects from fuzz bytes, for the pyjson target: a small structured format in which every
// byte string decodes to some object, so libFuzzer's mutations move between object shapes.
//
// One tag byte per object, then its payload:
//   None, True/False, an int64, an int of up to 255 bytes (any sign, beyond 2^64), a float from 8 raw
//   bytes (NaN payloads, infinities, -0.0, subnormals) or a named special, a str of code points (ASCII,
//   any BMP or astral code point, lone surrogates), bytes, list, tuple, dict (keys of any hashable kind
//   decoded the same way), set, frozenset, a subclass of int/float/str/list/dict, an unsupported object
//   (complex, a class whose repr() raises or is long), nesting thousands deep, and a reference to a
//   container already made (a shared value, or a cycle when it is an ancestor).
// Reading past the end yields zeros, so truncated input still decodes.

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include <pybind11/pybind11.h>

namespace parity::fuzz {

/// Python callables and classes the decoder needs, made once in the interpreter.
struct PythonTypes {
    PythonTypes();

    pybind11::object json_loads;
    pybind11::object int_subclass;
    pybind11::object float_subclass;
    pybind11::object str_subclass;
    pybind11::object list_subclass;
    pybind11::object dict_subclass;
    pybind11::object failing_repr;  // repr() raises
    pybind11::object long_repr;     // repr() is longer than pyjson quotes
};

class PythonObjectDecoder {
  public:
    PythonObjectDecoder(const std::uint8_t* data, std::size_t size, const PythonTypes& types) noexcept
        : data_(data), size_(size), types_(types) {}

    /// The object the whole input describes (None for an empty input).
    [[nodiscard]] pybind11::object decode();

  private:
    pybind11::object value(int depth);
    pybind11::object container(std::uint8_t tag, int depth);
    pybind11::object special_float();
    pybind11::object big_int();
    pybind11::object text();
    pybind11::object deep_nesting(int depth);
    pybind11::object subclass_instance(int depth);
    pybind11::object unsupported();

    std::uint8_t byte() noexcept;
    std::uint64_t word() noexcept;
    [[nodiscard]] bool exhausted() const noexcept {
        return position_ >= size_;
    }

    const std::uint8_t* data_;
    std::size_t size_;
    std::size_t position_ = 0;
    const PythonTypes& types_;
    std::vector<pybind11::object> containers_;  // made so far, for references and cycles
};

}  // namespace parity::fuzz
