#pragma once

// The diff engine: every difference between a reference's and a candidate's output, under rules.
//
//     std::vector<Difference> found = diff_values(R"([{"score": 0.9}])"_json,
//                                                 R"([{"score": 0.91}])"_json, Rules{});
//     // one Difference: value at "/0/score", pattern "/*/score", detail "0.9 vs 0.91"
//
// Differences come in walk order: depth first; object keys of the reference in key order, then keys
// only in the candidate; array elements in index order.

#include <cstddef>
#include <vector>

#include <nlohmann/json.hpp>

#include "parity/diff/difference.hpp"
#include "parity/diff/outcome.hpp"
#include "parity/diff/rules.hpp"

namespace parity::diff {

struct DiffOptions {
    /// Stop collecting after this many differences (0: no limit). When more were found, the last
    /// one's detail ends with "; stopped after N differences".
    std::size_t max_differences = 1000;
};

[[nodiscard]] std::vector<Difference> diff_values(const nlohmann::json& reference,
                                                  const nlohmann::json& candidate, const Rules& rules,
                                                  const DiffOptions& options = {});

/// Both values: diff_values. Both errors: error_type at "/type" and error_message at "/message"
/// (rules do not apply). One error: one error_vs_value at "".
[[nodiscard]] std::vector<Difference> diff_outcomes(const Outcome& reference, const Outcome& candidate,
                                                    const Rules& rules, const DiffOptions& options = {});

}  // namespace parity::diff
