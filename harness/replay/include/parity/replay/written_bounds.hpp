#pragma once

// What a replay writes, held to the caps of its options (docs/replay.md, "Bounded reports"): the values
// of a difference and an example's input, a repro bundle's files, report.json. A value beyond a cap is
// written as its summary: length, SHA-256, head and tail (parity/bounds/value_summary.hpp).

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>
#include <vector>

#include "parity/diff/difference.hpp"
#include "parity/replay/limit_hits.hpp"
#include "parity/replay/replay_options.hpp"
#include "parity/replay/report_limits.hpp"
#include "parity/replay/repro_bundle.hpp"
#include "parity/workers/job.hpp"

namespace parity::replay {

/// The caps in force and how often each was hit, as report.json's "limits".
[[nodiscard]] Limits limits_report(const ReplayOptions& options, const LimitHits& hits);

/// Counts what the worker summarised in a job's outputs (every path, noise runs included).
void count_output_bounds(const workers::JobResult& job, LimitHits& hits);

/// A value to write (an example's input, one side of a difference) held to max_value_bytes and
/// max_written_depth.
[[nodiscard]] nlohmann::json bounded_for_writing(nlohmann::json value, const ReplayOptions& options,
                                                 LimitHits& hits);

/// Both sides of every difference held as bounded_for_writing holds a value.
void bound_for_writing(std::vector<diff::Difference>& differences, const ReplayOptions& options,
                       LimitHits& hits);

/// A repro bundle held to max_bundle_bytes, a quarter for each of its four files: the request line is
/// kept verbatim if it fits (else only its summary is written, with where it is in the corpus); the two
/// outcomes are bounded like values; diff.json lists the differences while they fit.
void bound_bundle(ReproContent& content, const std::string& corpus_location, const ReplayOptions& options,
                  LimitHits& hits);

}  // namespace parity::replay
