#pragma once

// Values a worker sent as their summaries (parity/bounds/value_summary.hpp: too deep or too large to
// send whole) compared exactly, by type, length and SHA-256: equal hashes mean equal values. Rules do
// not reach inside a summary.

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "parity/diff/difference.hpp"

namespace parity::diff {

/// How two values compare when at least one is a summary.
struct SummaryComparison {
    bool differ = false;
    DifferenceKind kind = DifferenceKind::value;  // `type` when the summarised JSON types differ
    std::string detail;                           // "string of 200000000 bytes (sha256 8f4b…) vs \"ok\""
};

/// std::nullopt when neither side is a summary; else the comparison, the whole side summarised the
/// same way first.
[[nodiscard]] std::optional<SummaryComparison> compare_summaries(const nlohmann::json& reference,
                                                                 const nlohmann::json& candidate);

}  // namespace parity::diff
