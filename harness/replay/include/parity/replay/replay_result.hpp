#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>
#include <vector>

#include "parity/replay/field_aggregator.hpp"
#include "parity/replay/manifest.hpp"
#include "parity/replay/replay_options.hpp"

namespace parity::replay {

/// What became of one request.
enum class RequestOutcome {
    matched,                // both paths ran; no difference outside nondeterministic fields
    mismatched,             // both paths ran and differ
    crash,                  // a path killed its worker (signal or exit)
    timeout,                // a path ran past --timeout
    candidate_unavailable,  // the candidate adapter failed to import or set up
    skipped,                // bad corpus line, broken fixture, or no reference: not compared
};

[[nodiscard]] std::string_view to_string(RequestOutcome outcome) noexcept;

/// The counts of `report.json`'s "summary".
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
};

/// A request that did not simply match, for the report's "outcomes" list.
struct OutcomeRecord {
    std::string request_id;
    RequestOutcome outcome;
    std::string path;    // "reference" / "candidate" for crash, timeout, unavailable
    std::string detail;  // "killed by SIGSEGV", "exceeded 5 s", the corpus line error
    std::string repro;   // relative folder of its repro bundle, if any
};

/// Everything a finished replay knows; report_writer turns it into files.
struct ReplayResult {
    ReplayOptions options;
    Manifest manifest;
    std::string reference;  // adapters actually used
    std::string candidate;
    int noise_runs = 0;
    std::string started;    // ISO-8601 UTC
    std::string finished;
    double duration_s = 0;
    Summary summary;
    std::vector<FieldStats> fields;                 // port differences, most requests first
    std::vector<FieldStats> nondeterministic;       // patterns that differed between reference runs
    std::vector<FieldStats> noisy_candidate_fields; // candidate differences at those patterns (not counted)
    std::vector<OutcomeRecord> outcomes;            // crashes, timeouts, unavailable, skipped (capped)
    std::uint64_t outcomes_not_listed = 0;
    std::vector<std::string> requests_with_differences;
    std::vector<std::string> fixture_problems;
    std::vector<std::string> adapter_problems;
    std::filesystem::path out;
    nlohmann::ordered_json latency;      // docs/latency.md
    nlohmann::ordered_json memory;
    nlohmann::ordered_json environment;
    std::vector<std::string> warnings;   // about the host and the samples
};

}  // namespace parity::replay
