#pragma once

// The checks `parity merge` makes before it adds anything up: the reports are shards of one run, each
// shard once.

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "parity/replay/report_model.hpp"

namespace parity::replay::detail {

/// What the shards cover: N, and the indices of the shards not given (empty for a whole set).
struct ShardCoverage {
    std::uint32_t count = 1;
    std::vector<std::uint32_t> missing;
};

/// Checks that `reports` (read from `dirs`, in the same order) are shards of one replay: the same corpus
/// digest and kernel, adapters, parity version and options that change outcomes (timeout_s, noise_runs,
/// repeat, limit, id, rules), the same shard count N with no unsharded ("1/1") or merged report among
/// N > 1 shards, and each index once. Throws MergeError naming the offending folder and the reason; a
/// missing index only when `allow_partial` is false.
ShardCoverage check_shard_set(const std::vector<Report>& reports,
                              const std::vector<std::filesystem::path>& dirs, bool allow_partial);

/// corpus.problems of the merged report: the shards' own (each once, in order) and one per missing shard.
std::vector<std::string> merged_corpus_problems(const std::vector<Report>& reports,
                                                const ShardCoverage& coverage);

}  // namespace parity::replay::detail
