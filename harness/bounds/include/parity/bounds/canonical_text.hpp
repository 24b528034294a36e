#pragma once

// The canonical JSON text of a value: what a summary's length and hash are taken over, so that two
// values have the same text exactly when the diff finds them equal without rules.
//
//     canonical_text(R"({"b": [1, 2.0], "a": NaN})") == R"({"a":NaN,"b":[1,2.0]})"
//
// Compact (no spaces); object keys in byte order; integers as digits, doubles as their shortest
// round-trip text ("2.0", "-0.0", "1e+300") and NaN, Infinity, -Infinity; strings quoted, with only
// '"', '\' and control characters escaped. Written without recursion: depth costs heap, not stack.

#include <cstdint>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace parity::bounds {

/// Receives canonical text piece by piece.
class TextSink {
  public:
    TextSink() = default;
    TextSink(const TextSink&) = delete;
    TextSink& operator=(const TextSink&) = delete;
    virtual ~TextSink() = default;
    virtual void write(std::string_view piece) = 0;
};

/// Streams the canonical text of `value` to `sink`.
void write_canonical(const nlohmann::json& value, TextSink& sink);

/// The canonical text's length in bytes.
[[nodiscard]] std::uint64_t canonical_size(const nlohmann::json& value);

/// The canonical text itself (for tests and small values).
[[nodiscard]] std::string canonical_text(const nlohmann::json& value);

/// The text of one scalar (not an array or object) as write_canonical writes it.
[[nodiscard]] std::string canonical_scalar(const nlohmann::json& value);

/// The quoted, escaped form of a string as write_canonical writes it.
[[nodiscard]] std::string canonical_string(std::string_view text);

}  // namespace parity::bounds
