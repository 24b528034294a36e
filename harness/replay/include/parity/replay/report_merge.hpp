#pragma once

#include <filesystem>
#include <stdexcept>
#include <vector>

namespace parity::replay {

/// The shard reports cannot be merged (unreadable, or of different corpora or adapters).
class MergeError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// Combines the report folders of `parity replay --shard I/N` runs into one folder as if one run had
/// replayed the whole corpus: counts summed, field statistics merged, outcomes and ids concatenated,
/// results.jsonl concatenated, repro bundles copied, and latency recomputed from every shard's timed
/// samples (so percentiles and intervals are of the whole, not averages of shards). Writes
/// `<out>/report.json` and `<out>/results.jsonl`.
void merge_reports(const std::vector<std::filesystem::path>& shard_dirs, const std::filesystem::path& out);

}  // namespace parity::replay
