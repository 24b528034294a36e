#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "parity/diff/difference.hpp"
#include "parity/fuzz/divergence.hpp"
#include "parity/fuzz/fuzz_session.hpp"
#include "parity/fuzz/mutator.hpp"
#include "parity/workers/job.hpp"

namespace parity::fuzz {

/// One divergence found (or given to `parity shrink`), before and after shrinking.
struct Finding {
    std::string id;  // "fuzz-s7-1": the request id in the findings corpus and the bundle's folder
    Divergence divergence;
    std::string origin;                      // the corpus request it was mutated from (or the one shrunk)
    std::vector<AppliedMutation> mutations;  // from the corpus request to the mutant, oldest first
    std::uint64_t found_at_run = 0;          // mutants run before it, this one included
    double found_after_s = 0;                // seconds of search
    std::uint64_t hits = 1;                  // mutants that showed the same divergence
    Request original;                        // as found
    Request request;                         // as shrunk (the original when not shrunk)
    workers::JobResult result;               // the paths' outcomes on `request`
    std::vector<diff::Difference> differences;
    // Shrinking:
    bool reproduced = true;  // the original showed the divergence again when re-run
    bool shrunk = false;
    bool shrink_limited = false;  // stopped by its test or time budget
    std::uint64_t shrink_tests = 0;
    std::size_t original_bytes = 0;  // the input's JSON text
    std::size_t bytes = 0;
};

/// Per mutation name: how often it was drawn, was outside the kernel's domain, found new output
/// features, and made the paths diverge.
struct MutationStats {
    std::uint64_t runs = 0;
    std::uint64_t out_of_domain = 0;
    std::uint64_t new_features = 0;
    std::uint64_t divergent = 0;
};

struct FuzzStats {
    std::uint64_t seeds = 0;          // corpus requests used as starting points
    std::uint64_t skipped_lines = 0;  // corpus lines that could not be used
    std::uint64_t runs = 0;           // mutants run through both paths (or rejected by domain())
    std::uint64_t out_of_domain = 0;
    std::uint64_t divergent_runs = 0;    // mutants whose paths diverged (findings and their repeats)
    std::uint64_t reference_failed = 0;  // the reference crashed or timed out: nothing to compare against
    std::uint64_t features = 0;          // distinct output features seen
    std::uint64_t queue = 0;             // mutants kept as starting points because they showed new features
    double search_s = 0;
    double shrink_s = 0;
    std::string stopped_by;  // "time", "runs", "findings"
    std::map<std::string, MutationStats> mutations;
    std::vector<std::string> noisy_patterns;  // where the reference differed from itself (left out)
    std::map<std::string, std::uint64_t> out_of_domain_reasons;  // first 20 reasons, with counts
};

}  // namespace parity::fuzz
