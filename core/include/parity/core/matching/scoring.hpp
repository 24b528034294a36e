#pragma once

// Scoring one row against one customer (docs/matching.md section 4).

#include <array>
#include <cstdint>
#include <optional>

#include "parity/core/matching/config.hpp"
#include "parity/core/matching/fields.hpp"

namespace parity::core::matching {

using FieldScores = std::array<std::optional<double>, field_count>;

struct CandidateScore {
    std::int64_t customer_id = 0;
    /// Weighted mean of the compared fields' scores.
    double score = 0.0;
    /// Sum of the weights of the compared fields (present on both sides).
    double compared_weight = 0.0;
    /// Per field, std::nullopt where either side lacks it.
    FieldScores field_scores;
};

/// Per-field similarity and their weighted mean, over the fields present on both sides.
[[nodiscard]] CandidateScore score_candidate(const NormalizedRecord& row, const NormalizedRecord& customer,
                                             std::int64_t customer_id, const MatchConfig& config);

/// True when `a` ranks above `b`: higher score, then more compared weight, then the lower id.
[[nodiscard]] bool ranks_above(const CandidateScore& a, const CandidateScore& b);

}  // namespace parity::core::matching
