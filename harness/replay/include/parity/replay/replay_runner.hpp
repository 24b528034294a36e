#pragma once

#include <ostream>

#include "parity/replay/replay_options.hpp"
#include "parity/replay/replay_result.hpp"

namespace parity::replay {

/// Replays a corpus through both adapters in worker processes and diffs every request.
/// Throws CorpusFormatError (unusable corpus) or diff::RulesError (bad rules file); every other
/// problem is an outcome in the result. Writes repro bundles and `results.jsonl` into
/// `result.out` as it goes; the caller writes the reports.
ReplayResult run_replay(const ReplayOptions& options, std::ostream& log);

}  // namespace parity::replay
