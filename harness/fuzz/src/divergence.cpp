#include "parity/fuzz/divergence.hpp"

#include <algorithm>

#include "parity/diff/diff.hpp"

namespace parity::fuzz {
namespace {

using workers::PathStatus;

bool failed(const workers::PathResult& path) {
    return path.status == PathStatus::crash || path.status == PathStatus::timeout;
}

diff::Outcome outcome(const workers::PathResult& path) {
    return diff::Outcome{path.status == PathStatus::error, path.value};
}

}  // namespace

std::string Divergence::key() const {
    if (kind == "crash" || kind == "timeout") {
        return kind + " of " + path;
    }
    return kind + " at " + (pattern.empty() ? std::string("(root)") : pattern);
}

NoisyPatterns noisy_patterns(const workers::JobResult& job, const diff::Rules& rules) {
    NoisyPatterns noisy;
    if (job.reference.status != PathStatus::ok && job.reference.status != PathStatus::error)
        return noisy;
    for (const auto& noise : job.noise) {
        if (noise.status != PathStatus::ok && noise.status != PathStatus::error)
            continue;
        for (const auto& difference : diff::diff_outcomes(outcome(job.reference), outcome(noise), rules)) {
            noisy.insert(difference.pattern);
        }
    }
    return noisy;
}

Comparison compare_paths(const workers::JobResult& job, const diff::Rules& rules,
                         const NoisyPatterns& noisy) {
    Comparison comparison;
    if (failed(job.reference)) {
        comparison.reference_failed = true;
        return comparison;
    }
    if (failed(job.candidate)) {
        comparison.divergence =
            Divergence{job.candidate.status == PathStatus::crash ? "crash" : "timeout", "", "candidate"};
        return comparison;
    }
    if (job.reference.status == PathStatus::unavailable || job.candidate.status == PathStatus::unavailable) {
        return comparison;
    }
    comparison.differences = diff::diff_outcomes(outcome(job.reference), outcome(job.candidate), rules);
    std::erase_if(comparison.differences, [&](const diff::Difference& difference) {
        return std::any_of(noisy.begin(), noisy.end(), [&](const std::string& pattern) {
            return difference.pattern == pattern ||
                   (difference.pattern.starts_with(pattern) && difference.pattern[pattern.size()] == '/');
        });
    });
    if (!comparison.differences.empty()) {
        const auto& first = comparison.differences.front();
        comparison.divergence = Divergence{std::string(diff::to_string(first.kind)), first.pattern, ""};
    }
    return comparison;
}

bool shows(const Comparison& comparison, const Divergence& target) {
    if (target.kind == "crash" || target.kind == "timeout") {
        return comparison.divergence && *comparison.divergence == target;
    }
    for (const auto& difference : comparison.differences) {
        if (diff::to_string(difference.kind) == target.kind && difference.pattern == target.pattern) {
            return true;
        }
    }
    return false;
}

}  // namespace parity::fuzz
