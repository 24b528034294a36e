#pragma once

// A value too large or too deep to send or write in full, as what identifies it: its JSON type, the
// length and SHA-256 of its bytes, and its first and last bytes. The bytes of a string are its UTF-8
// text; those of an array or object, its canonical JSON text (canonical_text.hpp). Equal hashes mean
// equal values, so a diff can compare summaries exactly, though no rule can look inside one.
//
// Written into a value as a tagged object, like the converter's other tags:
//
//     {"$summary": "string", "bytes": 200000000, "sha256": "8f4b…", "head": "xxxx…", "tail": "…xxxx"}

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace parity::bounds {

/// How many bytes of a summarised value's beginning (and of its end) a summary shows.
inline constexpr std::size_t summary_edge_bytes = 64;

/// The most bytes a summary's canonical text can take (a 20-digit length, escaped head and tail).
inline constexpr std::uint64_t max_summary_bytes = 160 + 2 * 6 * summary_edge_bytes;

struct ValueSummary {
    std::string type;         // "string", "array" or "object" ("number", … for a scalar)
    std::uint64_t bytes = 0;  // length of the summarised bytes
    std::string sha256;       // their SHA-256, 64 lower-case hex digits
    std::string head;         // the first summary_edge_bytes of them, cut at a character boundary
    std::string tail;         // the last summary_edge_bytes after `head` ("" when there are none)
};

/// The summary of any value.
[[nodiscard]] ValueSummary summarise(const nlohmann::json& value);

/// The summary of a string given as its UTF-8 bytes (no copy of the string is made).
[[nodiscard]] ValueSummary summarise_string(std::string_view utf8);

/// The tagged object that stands for the value.
[[nodiscard]] nlohmann::json summary_json(const ValueSummary& summary);

/// The summary a tagged object holds, or std::nullopt if `value` is not exactly such an object.
[[nodiscard]] std::optional<ValueSummary> read_summary(const nlohmann::json& value);

/// The summary `value` holds if it is one, else the summary of `value` itself.
[[nodiscard]] ValueSummary summary_of(const nlohmann::json& value);

/// Same type, length and hash: the summarised values are equal.
[[nodiscard]] bool same_value(const ValueSummary& a, const ValueSummary& b) noexcept;

/// One line for a difference's detail: "string of 200000000 bytes (sha256 8f4b1c2d…)".
[[nodiscard]] std::string describe(const ValueSummary& summary);

/// A string standing for a text too long to send whole, where a string is expected (an exception's
/// message): "<str of N bytes, sha256 H: head … tail>". Equal texts give equal stand-ins and, but for
/// hash collisions, different texts different ones.
[[nodiscard]] std::string summary_text(const ValueSummary& summary);

}  // namespace parity::bounds
