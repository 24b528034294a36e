#pragma once

// report.json's "outcomes" (requests that did not simply match, one by one) and "problems".

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "parity/harness/model_reader.hpp"

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

/// "matched", "candidate_unavailable", ...
[[nodiscard]] std::string_view to_string(RequestOutcome outcome) noexcept;
/// The outcome named `name`, or nullopt (the pointer only selects this overload).
[[nodiscard]] std::optional<RequestOutcome> parse_name(std::string_view name, RequestOutcome*) noexcept;

/// A request that did not simply match, for the report's "outcomes" list. Empty strings are not written.
struct OutcomeRecord {
    std::string request_id;  // "" for a corpus line that could not be read
    RequestOutcome outcome = RequestOutcome::skipped;
    std::string path;    // "reference" / "candidate" for crash, timeout, unavailable
    std::string detail;  // "killed by SIGSEGV", "exceeded 5 s", the corpus line error
    std::string repro;   // relative folder of its repro bundle, if any
};

/// "problems": what failed to load, in words.
struct Problems {
    std::vector<std::string> fixtures;
    std::vector<std::string> adapters;
};

void to_json(nlohmann::ordered_json& json, const OutcomeRecord& outcome);
void read_model(const harness::ModelReader& in, OutcomeRecord& outcome);

void to_json(nlohmann::ordered_json& json, const Problems& problems);
void read_model(const harness::ModelReader& in, Problems& problems);

}  // namespace parity::replay
