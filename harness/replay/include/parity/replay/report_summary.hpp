#pragma once

// report.json's "summary": what became of the requests, counted.

#include <nlohmann/json.hpp>

#include <cstdint>

#include "parity/harness/model_reader.hpp"

namespace parity::replay {

struct Summary {
    std::uint64_t requests = 0;  // lines read in the selection (valid or not)
    std::uint64_t compared = 0;
    std::uint64_t matched = 0;
    std::uint64_t mismatched = 0;
    std::uint64_t reference_errors = 0;  // compared requests where the reference raised
    std::uint64_t candidate_errors = 0;
    std::uint64_t crashes = 0;
    std::uint64_t timeouts = 0;
    std::uint64_t candidate_unavailable = 0;
    std::uint64_t skipped = 0;
    std::uint64_t nondeterministic_fields = 0;
    std::uint64_t conversion_notes = 0;  // values the Python -> JSON conversion had to tag
    // Compared requests whose corpus line carries a recorded output or error, and of those the ones whose
    // replayed reference (reference drift) or candidate differs from it outside nondeterministic fields
    // and redacted paths (report.json's "recorded").
    std::uint64_t recorded_checked = 0;
    std::uint64_t reference_drift = 0;
    std::uint64_t candidate_vs_recorded = 0;
};

/// Adds every count of `other` (shards merged into one report).
Summary& operator+=(Summary& summary, const Summary& other);

void to_json(nlohmann::ordered_json& json, const Summary& summary);
void read_model(const harness::ModelReader& in, Summary& summary);

}  // namespace parity::replay
