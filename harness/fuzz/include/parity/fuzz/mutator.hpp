#pragma once

// Structure-aware mutation of a recorded input (docs/fuzz.md, "Mutations"): a value of the input is
// chosen, then a mutation that fits what it is — a string, a number, an array, an object, or any value
// (removed, null, another type, spliced from another request).

#include <cstddef>
#include <string>
#include <vector>

#include "parity/fuzz/input_dictionary.hpp"
#include "parity/fuzz/json_text.hpp"
#include "parity/fuzz/rng.hpp"

namespace parity::fuzz {

/// One mutation as applied: its name ("string.case_trap") and where ("/rows/3/last_name").
struct AppliedMutation {
    std::string name;
    std::string pointer;

    bool operator==(const AppliedMutation&) const = default;
};

/// "string.case_trap at /rows/3/last_name, value.null at /rows/7": what a finding's log line and reports
/// say; "none" for no mutation.
[[nodiscard]] std::string describe(const std::vector<AppliedMutation>& mutations);

struct MutatorLimits {
    std::size_t long_string_code_points = 20'000;  // "string.long" grows a string to about this
    std::size_t huge_array_elements = 2'000;       // "array.huge" grows an array to about this
    std::size_t max_input_bytes = 4u << 20;        // a mutant larger than this (as JSON text) is not made
};

class Mutator {
  public:
    Mutator(const InputDictionary& dictionary, MutatorLimits limits = {});

    /// Applies `count` mutations in turn; returns those applied (a mutation that found nothing to act
    /// on, or would pass the size limit, is replaced by another draw, at most a few times).
    std::vector<AppliedMutation> mutate(Input& input, Rng& rng, int count) const;

    /// Every mutation name, for the report's per-mutation counts.
    [[nodiscard]] static const std::vector<std::string>& names();

  private:
    bool mutate_once(Input& input, Rng& rng, AppliedMutation& applied) const;

    const InputDictionary& dictionary_;
    MutatorLimits limits_;
};

}  // namespace parity::fuzz
