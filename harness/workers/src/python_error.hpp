#pragma once

#include <string>

#include <pybind11/pytypes.h>

namespace parity::workers {

/// A Python exception described for a report line, surrogates escaped (pyjson::utf8_text).
struct PythonError {
    std::string type;      // type(e).__name__, e.g. "ValueError"
    std::string message;   // str(e)
    std::string location;  // innermost traceback frame, "adapters.py:12 in setup", or ""
};

/// Describes the exception caught as `error`. The caller holds the GIL.
[[nodiscard]] PythonError describe(const pybind11::error_already_set& error);

/// "ValueError: bad input" plus " (at adapters.py:12 in setup)" when the location is known.
[[nodiscard]] std::string one_line(const PythonError& error);

}  // namespace parity::workers
