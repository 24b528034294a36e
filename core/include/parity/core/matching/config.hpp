#pragma once

// Matcher settings (docs/matching.md section 5). Validation of user-given settings happens where
// they enter (the Python MatchConfig); this struct only carries checked values.

#include <array>
#include <cstddef>

#include "parity/core/matching/fields.hpp"

namespace parity::core::matching {

struct MatchConfig {
    /// Weight per field, in Field order.
    std::array<double, field_count> weights = {1.0, 1.5, 3.0, 2.0, 1.0, 0.5, 1.0, 2.0};
    double match_threshold = 0.90;
    double min_match_weight = 4.0;
    double possible_threshold = 0.75;
    std::size_t max_block_size = 1000;
    std::size_t max_candidates = 200;
    std::size_t name_prefix_length = 3;
    std::size_t phone_block_digits = 7;
};

}  // namespace parity::core::matching
