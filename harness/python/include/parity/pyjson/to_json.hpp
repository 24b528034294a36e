#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include <pybind11/pytypes.h>
#include <nlohmann/json.hpp>

namespace parity::pyjson {

/// Something JSON could not say as Python said it, and how it was written instead.
struct ConversionNote {
    std::string pointer;  // RFC 6901 JSON pointer to the value, e.g. "/3/name" ("" is the root)
    std::string message;  // e.g. "int beyond 64 bits written as {\"$bigint\": \"<digits>\"}"
};

/// A converted value and the notes about the places it had to be approximated.
struct Converted {
    nlohmann::json value;
    std::vector<ConversionNote> notes;
    std::uint64_t summarised_strings = 0;  // strings written as their summaries (ConversionLimits)
};

/// Nesting deeper than this is written as {"$too_deep": true}. Deep enough that what a worker sends
/// back is cut by its own depth bound first (parity/bounds/bound_value.hpp), with a content hash of
/// everything below it: the conversion is iterative, so depth costs heap, not stack.
inline constexpr int max_conversion_depth = 1'000'000;

/// What a conversion may leave out. 0: no limit.
struct ConversionLimits {
    /// A str longer than this in UTF-8 is written as its summary (parity/bounds/value_summary.hpp:
    /// {"$summary": "string", "bytes", "sha256", "head", "tail"}) without being copied, + a note.
    std::size_t max_string_bytes = 0;
};

/// The JSON value of a Python object, as json.dumps would see it where it can, e.g.
/// `to_json([1, "a", None]).value == json::array({1, "a", nullptr})`. The caller holds the GIL.
///
/// - None, bool, str, list/tuple, dict: null, boolean, string, array, object (subclasses as their base);
/// - int: number_integer if it fits int64, else number_unsigned if it fits uint64, else
///   {"$bigint": "<decimal digits>"} + a note;
/// - float: the same double, bit for bit (NaN, infinities and -0.0 included, without a note);
/// - str with lone surrogates: {"$str_with_surrogates": "<text, each surrogate as \udXXX>"} + a note;
/// - bytes: {"$bytes": "<lower-case hex>"} + a note;
/// - dict keys: str as is; int, float, bool, None as json.dumps writes them, + a note; any other
///   key as its repr, + a note;
/// - anything else: {"$unsupported": "<type qualname>", "repr": "<repr, at most 200 characters>"} + a note;
/// - a container inside itself: {"$cycle": true} + a note; deeper than max_conversion_depth:
///   {"$too_deep": true} + a note.
///
/// Never raises for a value's content: a failing repr() is written as a placeholder.
[[nodiscard]] Converted to_json(pybind11::handle object);
/// The same, with strings longer than `limits.max_string_bytes` summarised.
[[nodiscard]] Converted to_json(pybind11::handle object, const ConversionLimits& limits);

}  // namespace parity::pyjson
