#pragma once

#include <string>

#include <pybind11/pytypes.h>

namespace parity::pyjson {

/// A Python str as UTF-8. Lone surrogates (which UTF-8 cannot hold) are written as the six ASCII
/// characters `\udXXX` (lower-case hex, as Python's repr writes them).
struct Utf8Text {
    std::string text;
    bool escaped_surrogates = false;  // true if at least one surrogate was escaped
};

/// UTF-8 of `str` (a str or a subclass; the caller holds the GIL). Never raises for surrogates:
/// `utf8_text("a\udc80")` is `{"a\\udc80", true}`. Throws std::invalid_argument if not a str.
[[nodiscard]] Utf8Text utf8_text(pybind11::handle str);

/// `utf8_text(str).text` of `str(object)`, or "<str() failed: Type>" when str() raises: for messages
/// that must never fail, such as exception messages.
[[nodiscard]] std::string str_for_message(pybind11::handle object);

}  // namespace parity::pyjson
