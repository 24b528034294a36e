#pragma once

// Whether the two paths of one run agree, and if not, how: the first difference's kind at its field
// path (pattern), or which path crashed or timed out. Findings are kept, and shrunk, by this key.

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "parity/diff/difference.hpp"
#include "parity/diff/rules.hpp"
#include "parity/workers/job.hpp"

namespace parity::fuzz {

struct Divergence {
    /// A difference kind (docs/diff-rules.md: "value", "error_type", …), or "crash" / "timeout" (of the
    /// candidate: the reference answered).
    std::string kind;
    /// The field path with array indices as "*" ("/*/score"); "" for the whole outcome.
    std::string pattern;
    /// For a crash or a timeout: the path it happened on, "candidate".
    std::string path;

    /// "value at /*/score", "crash of candidate": findings with the same key are one finding.
    [[nodiscard]] std::string key() const;
    bool operator==(const Divergence&) const = default;
};

struct Comparison {
    std::optional<Divergence> divergence;       // nullopt: the paths agree
    std::vector<diff::Difference> differences;  // when both ran
    /// The reference crashed or timed out (the candidate too, or not): there is no answer to hold the
    /// candidate to, so no finding, but counted: a reference too slow for an input (a 2,000-row batch of
    /// 20,000-character names, say) is worth knowing, not a port bug.
    bool reference_failed = false;
};

/// Field paths (difference patterns) where the reference differs from another run of itself on the same
/// input (a request id, a timestamp): not the port's doing, so never a finding.
using NoisyPatterns = std::set<std::string>;

/// The patterns where the job's noise runs (workers::Job::noise_runs) differ from its reference run.
[[nodiscard]] NoisyPatterns noisy_patterns(const workers::JobResult& job, const diff::Rules& rules);

/// How the job's reference and candidate compare under `rules`, differences at or below a noisy pattern
/// left out. A path that did not run (`unavailable`) compares as agreement: an adapter problem is
/// reported once, not as findings.
[[nodiscard]] Comparison compare_paths(const workers::JobResult& job, const diff::Rules& rules,
                                       const NoisyPatterns& noisy = {});

/// Whether `comparison` shows `target` (the same kind at the same field path; for a crash or timeout,
/// on the same path). Any of the differences counts, not only the first.
[[nodiscard]] bool shows(const Comparison& comparison, const Divergence& target);

}  // namespace parity::fuzz
