#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "parity/diff/difference.hpp"

namespace parity::replay {

/// One difference kept as an example for its field pattern, with what is needed to understand it.
struct FieldExample {
    std::string request_id;
    diff::Difference difference;
    nlohmann::json input;    // the request's input, for display
    std::string repro;       // the request's repro bundle folder, relative to the report
};

/// Differences at one field pattern ("/*/score") over the whole replay.
struct FieldStats {
    std::string pattern;
    std::uint64_t differences = 0;  // every difference at the pattern
    std::uint64_t requests = 0;     // requests with at least one
    std::map<std::string, std::uint64_t> kinds;  // "value" -> 12
    std::vector<FieldExample> examples;          // the first N
};

/// Counts differences per field pattern (array indices wildcarded) and per kind, and keeps the
/// first few examples of each pattern: memory grows with the number of distinct patterns, not
/// with the corpus.
class FieldAggregator {
public:
    explicit FieldAggregator(std::size_t examples_per_pattern) : examples_per_pattern_(examples_per_pattern) {}

    /// Adds one request's differences. `input` is only read (copied) for patterns still short of examples.
    void add(const std::string& request_id, const std::vector<diff::Difference>& differences,
             const nlohmann::json& input, const std::string& repro);

    /// Removes nothing; returns stats for the patterns in / not in `excluded`, most requests first.
    [[nodiscard]] std::vector<FieldStats> sorted(const std::set<std::string>& excluded,
                                                 bool take_excluded) const;

    [[nodiscard]] bool empty() const noexcept { return stats_.empty(); }

private:
    std::size_t examples_per_pattern_;
    std::map<std::string, FieldStats> stats_;
};

/// The distinct patterns of a list of differences.
[[nodiscard]] std::set<std::string> patterns_of(const std::vector<diff::Difference>& differences);

}  // namespace parity::replay
