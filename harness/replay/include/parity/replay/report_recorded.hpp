#pragma once

// report.json's "recorded": the replayed outcomes checked against the outcomes recorded in production
// (the corpus lines' `output` / `error`), aggregated per field like "fields" (docs/replay.md).

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "parity/harness/model_reader.hpp"
#include "parity/replay/report_fields.hpp"

namespace parity::replay {

/// One redaction rule of the corpus manifest (`recorder.redaction`) and what it hides from the
/// comparisons with the recording: a redacted recorded value cannot equal the fresh one.
struct RecordedIgnore {
    std::string redaction;                  // the manifest's pattern: "output.*.normalized.email", "email"
    std::string action;                     // "hash" or "drop"
    std::vector<std::string> output_paths;  // rule paths ignored in recorded outputs: "/*/normalized/email"
    std::vector<std::string> error_keys;    // parts of a recorded error ignored: "type", "message"
    bool legacy = false;                    // a bare field name: that key ignored anywhere
    std::string reason;                     // in words
};

/// "recorded". In the field lists the examples' `reference` is the recorded value and `candidate` the
/// replayed path's (the reference's for reference_drift, the candidate's for candidate_vs_recorded).
struct RecordedComparisons {
    std::vector<RecordedIgnore> ignored;
    std::vector<FieldReport> reference_drift;        // replayed reference vs recorded, most requests first
    std::vector<FieldReport> candidate_vs_recorded;  // replayed candidate vs recorded
};

void to_json(nlohmann::ordered_json& json, const RecordedIgnore& ignore);
void read_model(const harness::ModelReader& in, RecordedIgnore& ignore);

void to_json(nlohmann::ordered_json& json, const RecordedComparisons& recorded);
void read_model(const harness::ModelReader& in, RecordedComparisons& recorded);

}  // namespace parity::replay
