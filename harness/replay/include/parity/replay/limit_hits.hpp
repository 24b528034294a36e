#pragma once

#include <cstdint>

namespace parity::replay {

/// How many times each cap of ReplayOptions was hit during a replay (report.json's "limits").
struct LimitHits {
    std::uint64_t output_depth = 0;
    std::uint64_t output_bytes = 0;
    std::uint64_t value_bytes = 0;
    std::uint64_t written_depth = 0;
    std::uint64_t bundle_bytes = 0;
    std::uint64_t report_bytes = 0;
};

}  // namespace parity::replay
