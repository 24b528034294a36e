#pragma once

// report.json's "baseline": with --baseline, the candidate against the build that is live now, run in
// worker processes of its own and interleaved with the other two paths per request (docs/replay.md,
// "A baseline: the build that is live now"). Its timings are in "latency" (paths.baseline,
// vs_baseline), its memory in "memory".

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>
#include <vector>

#include "parity/harness/model_reader.hpp"
#include "parity/replay/report_fields.hpp"

namespace parity::replay {

/// What became of the requests on the baseline path, counted. Every compared request (reference and
/// candidate ran) is counted once, under matched, mismatched, crashes, timeouts or unavailable.
struct BaselineSummary {
    std::uint64_t compared = 0;     // the candidate's outcome diffed with the baseline's
    std::uint64_t matched = 0;      // equal outside nondeterministic fields
    std::uint64_t mismatched = 0;   // different outputs or errors
    std::uint64_t crashes = 0;      // the baseline killed its worker (the candidate did not)
    std::uint64_t timeouts = 0;     // the baseline ran past --timeout
    std::uint64_t unavailable = 0;  // the baseline could not run (its adapter not set up)
};

struct BaselineReport {
    std::string adapter;                   // "module:attribute"
    std::vector<std::string> python_path;  // --baseline-path, absolute, first on the baseline's sys.path
    BaselineSummary summary;
    std::vector<FieldReport> fields;    // candidate vs baseline differences, most requests first
    std::vector<std::string> problems;  // the baseline adapter could not be imported or set up
    std::vector<std::string> requests_with_differences;  // sorted ids
};

/// Adds every count of `other` (shards merged into one report).
BaselineSummary& operator+=(BaselineSummary& summary, const BaselineSummary& other);

void to_json(nlohmann::ordered_json& json, const BaselineSummary& summary);
void read_model(const harness::ModelReader& in, BaselineSummary& summary);

void to_json(nlohmann::ordered_json& json, const BaselineReport& baseline);
void read_model(const harness::ModelReader& in, BaselineReport& baseline);

}  // namespace parity::replay
