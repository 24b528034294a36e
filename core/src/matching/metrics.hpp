#pragma once

// The similarity implementations the matcher scores with: one place to choose them.

#include "parity/core/similarity/oracle/jaro.hpp"
#include "parity/core/similarity/oracle/levenshtein.hpp"
#include "parity/core/similarity/oracle/token_ratio.hpp"

namespace parity::core::matching::metrics {

using parity::core::oracle::jaro_winkler;
using parity::core::oracle::levenshtein_ratio;
using parity::core::oracle::token_set_ratio;

}  // namespace parity::core::matching::metrics
