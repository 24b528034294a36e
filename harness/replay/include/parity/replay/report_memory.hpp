#pragma once

// report.json's "memory": how much each path grew its worker over the timed runs (docs/latency.md).

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>

#include "parity/harness/model_reader.hpp"

namespace parity::replay {

/// One path's growth, summed over its timed runs.
struct PathMemory {
    std::uint64_t runs = 0;
    std::int64_t rss_growth_bytes = 0;
    std::int64_t python_heap_growth_bytes = 0;  // with --trace-python-memory, else 0
};

struct Memory {
    PathMemory reference;
    PathMemory candidate;
    std::int64_t worker_rss_first_bytes = 0;  // a worker's RSS after its first job
    std::int64_t worker_rss_last_bytes = 0;
    std::int64_t worker_rss_peak_bytes = 0;
    /// The replaying process itself (it streams, so it must not grow with the corpus); not in merged
    /// reports.
    std::optional<std::int64_t> parity_peak_rss_bytes;
    std::optional<PathMemory> baseline;  // with --baseline
};

void to_json(nlohmann::ordered_json& json, const PathMemory& path);
void read_model(const harness::ModelReader& in, PathMemory& path);

void to_json(nlohmann::ordered_json& json, const Memory& memory);
void read_model(const harness::ModelReader& in, Memory& memory);

}  // namespace parity::replay
