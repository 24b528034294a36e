#pragma once

// Every value of an input with where it is: what mutations and the shrinker choose from.

#include <cstddef>
#include <string>
#include <vector>

#include "parity/fuzz/json_text.hpp"

namespace parity::fuzz {

struct InputNode {
    Input* value = nullptr;
    Input* parent = nullptr;  // null for the root
    std::string key;          // in an object parent
    std::size_t index = 0;    // in an array parent
    std::string pointer;      // RFC 6901, "/rows/3/last_name"
    std::string pattern;      // array indices as "*": "/rows/*/last_name"
};

/// Pre-order (a container before its elements; keys in order), the root first.
[[nodiscard]] std::vector<InputNode> input_nodes(Input& root);

/// A fixture reference ("sha256-<64 hex>"): never mutated, since every mutant would then only say
/// "unknown fixture", on both paths alike.
[[nodiscard]] bool is_fixture_reference(const Input& value);

}  // namespace parity::fuzz
