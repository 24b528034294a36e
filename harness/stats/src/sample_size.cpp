#include <string>

#include "parity/stats/significance.hpp"

namespace parity::stats {

std::optional<std::string> sample_size_warning(std::size_t n) {
    if (n >= minimum_samples) {
        return std::nullopt;
    }
    return "only " + std::to_string(n) + " paired sample" + (n == 1 ? "" : "s") +
           ": percentiles above p90 and their intervals are unreliable below " +
           std::to_string(minimum_samples);
}

}  // namespace parity::stats
