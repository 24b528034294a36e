#pragma once

// A mutant input as the JSON text the workers decode with Python's json.loads: compact, keys in their
// order, NaN and ±Infinity as Python writes them (json.dumps's default allow_nan), and lone surrogates
// (kept as WTF-8 in memory, see code_points.hpp) as \u escapes. Python reads back exactly the value.

#include <cstddef>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace parity::fuzz {

/// An input being mutated: keys keep their recorded order, which a kernel may depend on.
using Input = nlohmann::ordered_json;

[[nodiscard]] std::string python_json_text(const Input& value);

/// Whether the value can be stored in a corpus line (corpora/README.md: strict JSON, UTF-8): no NaN
/// or infinity, no lone surrogate. Returns what is in the way, or "".
[[nodiscard]] std::string not_storable_in_corpus(const Input& value);

/// How deeply arrays and objects nest in JSON text (0 for a scalar), read without parsing: the fuzzer's
/// walks are recursive, so inputs nested deeper than max_input_depth are not used or made.
[[nodiscard]] std::size_t nesting_depth(std::string_view json_text);
inline constexpr std::size_t max_input_depth = 200;

}  // namespace parity::fuzz
