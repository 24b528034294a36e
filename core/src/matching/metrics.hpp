#pragma once

// The similarity implementations the matcher scores with: one place to choose them. The fast
// versions are tested against the naive oracles (core/tests/similarity/*_fast_test.cpp).

#include "parity/core/similarity/jaro.hpp"
#include "parity/core/similarity/levenshtein.hpp"
#include "parity/core/similarity/token_ratio.hpp"

namespace parity::core::matching::metrics {

using parity::core::jaro_winkler;
using parity::core::levenshtein_ratio;
using parity::core::token_set_ratio;

}  // namespace parity::core::matching::metrics
