// parity::pyjson::to_json on Python objects built from the input, in an interpreter started once per
// process. The first byte chooses the mode:
//  - even: the rest is decoded into an object by PythonObjectDecoder (python_object_decoder.hpp), which
//    reaches every branch of the conversion: big ints, any float bit pattern, lone surrogates, bytes,
//    subclasses, unsupported types, failing repr(), cycles, deep nesting, odd dict keys;
//  - odd: the rest is handed to json.loads, as JSON text from a service would be (NaN, big numbers,
//    "\ud800" escapes).
// Its second bit, if set, caps strings (ConversionLimits::max_string_bytes: the upper six bits), so
// summarised strings are converted too.
// to_json documents only py::error_already_set (MemoryError and the like). The converted value is then
// bounded and written as a worker does (bound_value, then JSON text): strictly, since it must be valid
// JSON text.

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <utility>

#include <pybind11/embed.h>

#include "parity/bounds/bound_value.hpp"
#include "parity/pyjson/to_json.hpp"
#include "python_object_decoder.hpp"

namespace py = pybind11;

extern "C" int LLVMFuzzerInitialize(int* /*argc*/, char*** /*argv*/) {
    // Every Python object in malloc'd memory: ASan sees overflows into them, and LeakSanitizer scans
    // them for pointers (pymalloc's arenas are mmap'd, out of its sight).
    setenv("PYTHONMALLOC", "malloc", /*overwrite=*/0);
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    // Never finalised: finalising frees nothing the fuzzer needs back, and leaks pybind11's internals.
    static const auto* const interpreter = new py::scoped_interpreter();
    (void)interpreter;
    static const parity::fuzz::PythonTypes types;
    if (size == 0) {
        return 0;
    }
    const std::uint8_t mode = data[0];
    const parity::pyjson::ConversionLimits limits{.max_string_bytes = (mode & 2) != 0 ? mode >> 2 : 0U};
    try {
        py::object object;
        if ((mode & 1) == 0) {
            object = parity::fuzz::PythonObjectDecoder(data + 1, size - 1, types).decode();
        } else {
            object = types.json_loads(py::bytes(reinterpret_cast<const char*>(data + 1), size - 1));
        }
        auto converted = parity::pyjson::to_json(object, limits);
        // The default bounds: nesting deeper than the conversion's (which is iterative) is cut before
        // anything walks the value recursively.
        (void)parity::bounds::bound_value(std::move(converted.value), parity::bounds::ValueBounds{})
            .value.dump();
        for (const auto& note : converted.notes) {
            (void)nlohmann::json(note.pointer + note.message).dump();
        }
    } catch (const py::error_already_set&) {
        // json.loads refusing its input, or a MemoryError while converting.
    }
    return 0;
}
