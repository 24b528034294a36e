#pragma once

// The search of `parity fuzz` (docs/fuzz.md): mutants of the corpus's recorded inputs run through both
// paths in the worker pool; a mutant showing new output features becomes a starting point itself; every
// divergence is kept, one finding per kind and field path, then shrunk.

#include <iosfwd>
#include <vector>

#include "parity/fuzz/finding.hpp"
#include "parity/fuzz/fuzz_options.hpp"
#include "parity/fuzz/fuzz_session.hpp"

namespace parity::fuzz {

struct FuzzResult {
    FuzzStats stats;
    std::vector<Finding> findings;
    NoisyPatterns noisy;  // where the reference differed from itself: left out of every comparison
};

/// Searches until options.time, options.max_runs or options.max_findings, then shrinks each finding
/// (unless options.shrink is off). The same seed, corpus and adapters give the same mutants in the same
/// order, and, where the paths answer the same way each time, the same findings: mutants are made and
/// judged in batches whose results are taken in submission order, whatever order the workers finish in.
/// Throws std::runtime_error when the corpus holds no usable request.
[[nodiscard]] FuzzResult run_fuzz(const FuzzOptions& options, FuzzSession& session, std::ostream& log);

/// Re-runs the finding's original, then shrinks it keeping its divergence (the same kind at the same
/// field path; differences at noisy patterns left out), and fills request, result, differences and the
/// shrink fields.
void shrink_finding(Finding& finding, FuzzSession& session, const ShrinkLimits& limits,
                    const NoisyPatterns& noisy, std::ostream& log);

}  // namespace parity::fuzz
