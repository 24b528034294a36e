#pragma once

// Aligns two arrays of different lengths so that a dropped or inserted element shows as one
// missing or extra element, not as a shift of every element after it: a longest common
// subsequence of exactly equal elements anchors the alignment, and between anchors the leftovers
// are paired by position.
//
//     align_elements({A, B, C, D}, {A, C, D'})  // {B missing (1, -), D vs D' (3, 2)}

#include <cstddef>
#include <optional>
#include <vector>

#include <nlohmann/json.hpp>

namespace parity::diff {

/// Above this many LCS table cells (reference size times candidate size, after trimming the common
/// prefix and suffix) the middle is paired by position: 4 Mi cells is 16 MiB and a few milliseconds.
inline constexpr std::size_t max_alignment_cells = 4'000'000;

/// One step of the alignment that is not an anchor: both indices set, the elements are to be
/// compared; only `reference`, it is missing from the candidate; only `candidate`, it is extra.
struct AlignedElements {
    std::optional<std::size_t> reference;
    std::optional<std::size_t> candidate;
};

/// The non-anchor steps in order (anchors, exactly equal elements, are left out).
[[nodiscard]] std::vector<AlignedElements> align_elements(const nlohmann::json& reference,
                                                          const nlohmann::json& candidate,
                                                          std::size_t max_cells = max_alignment_cells);

}  // namespace parity::diff
