#pragma once

// report.json held to a size: what is left out first is what the counts already say.

#include <cstdint>

#include "parity/replay/report_model.hpp"

namespace parity::replay {

/// Leaves parts of `report` out until save_report writes at most `max_bytes` (or nothing more can go):
/// the examples' inputs, then the examples, then fields and nondeterministic fields with the fewest
/// requests, then the tail of requests_with_differences; counts, summary and rates stay whole. Returns
/// how many parts were left out, and says so in `report.warnings` when any was.
std::uint64_t hold_report_size(Report& report, std::uint64_t max_bytes);

/// A merged report's "limits": the first shard's caps, every shard's hits summed, one warning for them
/// in place of the shards' own; then held to the report size cap.
void merge_limits(Report& merged, const std::vector<Report>& shards);

}  // namespace parity::replay
