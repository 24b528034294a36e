#pragma once

// A value held to a depth and a size: whatever is too deep or does not fit is replaced by its summary
// (value_summary.hpp), at its own place, so that the rest keeps its shape and a diff still locates a
// difference at, or just above, where it is.
//
//     Bounded bounded = bound_value(output, ValueBounds{.max_depth = 128, .max_bytes = 16 << 20});
//     // bounded.value: at most 128 containers deep, its canonical text at most 16 MiB (summaries
//     // included); bounded.depth_hits / size_hits: how many subtrees were summarised, and why.

#include <cstddef>
#include <cstdint>

#include <nlohmann/json.hpp>

namespace parity::bounds {

struct ValueBounds {
    /// Containers nested deeper than this (the root's members are at depth 1) are summarised.
    std::size_t max_depth = 128;
    /// The bounded value's canonical text stays within this many bytes (summaries included); at least
    /// max_summary_bytes, or the whole value may become one summary.
    std::uint64_t max_bytes = std::uint64_t{16} << 20;
};

struct Bounded {
    nlohmann::json value;
    std::uint64_t depth_hits = 0;  // subtrees summarised for their depth
    std::uint64_t size_hits = 0;   // strings and subtrees summarised for their size
};

/// `value` itself when it is within `bounds` (copied, or moved from the rvalue overload), else a copy
/// with the parts that are not summarised. A value within the bounds is returned exactly.
///
/// Greedy, in the order the canonical text is written: a container that fits whole is kept whole; one
/// that does not is kept open when its members can each at least be summarised, each member then being
/// given what is left of the budget less what its followers need at least; otherwise it is summarised.
/// Without recursion.
[[nodiscard]] Bounded bound_value(const nlohmann::json& value, const ValueBounds& bounds);
[[nodiscard]] Bounded bound_value(nlohmann::json&& value, const ValueBounds& bounds);

}  // namespace parity::bounds
