#pragma once

// report.json's "fields" and "nondeterministic": differences per field pattern, with examples.

#include <nlohmann/json.hpp>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "parity/harness/model_reader.hpp"

namespace parity::replay {

/// One difference kept as an example of its pattern (parity::diff::Difference as written).
struct DifferenceExample {
    std::string kind;  // a parity::diff::DifferenceKind name: "value", "extra", ...
    std::string pointer;
    std::string pattern;
    nlohmann::json reference;  // null where the side has none (kind "extra")
    nlohmann::json candidate;  // null where the side has none (kind "missing")
    std::string detail;
    std::string request_id;
    std::optional<nlohmann::json> input;  // the request's input; absent for reference-only runs
    std::string repro;                    // the request's repro folder; "" (not written) if none
};

/// Differences at one field pattern ("/*/score") over the whole replay.
struct FieldReport {
    std::string pattern;
    std::uint64_t count = 0;                     // differences
    std::uint64_t requests = 0;                  // requests with at least one
    double rate = 0;                             // requests / compared
    std::map<std::string, std::uint64_t> types;  // difference kind -> count
    std::vector<DifferenceExample> examples;     // the first few
};

/// A pattern that differed between two runs of the reference: not counted against the port.
struct NondeterministicField : FieldReport {
    std::uint64_t candidate_differences_not_counted = 0;  // the candidate's differences there
};

void to_json(nlohmann::ordered_json& json, const DifferenceExample& example);
void read_model(const harness::ModelReader& in, DifferenceExample& example);

void to_json(nlohmann::ordered_json& json, const FieldReport& field);
void read_model(const harness::ModelReader& in, FieldReport& field);

void to_json(nlohmann::ordered_json& json, const NondeterministicField& field);
void read_model(const harness::ModelReader& in, NondeterministicField& field);

}  // namespace parity::replay
