#pragma once

#include <filesystem>
#include <ostream>
#include <stdexcept>
#include <vector>

namespace parity::replay {

/// The shard reports cannot be merged (unreadable, not shards of one replay, a shard twice or missing),
/// or --out cannot take the merged report.
class MergeError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// Combines the report folders of `parity replay --shard I/N` runs into one folder as if one run had
/// replayed the whole corpus: counts summed, field statistics merged, outcomes and ids concatenated,
/// results.jsonl concatenated, repro bundles copied, and latency recomputed from every shard's timed
/// samples (so percentiles and intervals are of the whole, not averages of shards). Writes
/// `<out>/report.json` and `<out>/results.jsonl`.
///
/// The shards must be one replay's, each once (docs/replay.md, "Shards"); with `allow_partial` a set
/// with shards missing is merged into a report whose corpus.complete is false and whose corpus.problems
/// name the missing shards, which the gate never passes. `out` is prepared as prepare_report_folder
/// does (a previous report emptied, said on `log`).
void merge_reports(const std::vector<std::filesystem::path>& shard_dirs, const std::filesystem::path& out,
                   bool allow_partial, std::ostream& log);

}  // namespace parity::replay
