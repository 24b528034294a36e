#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "parity/fuzz/mutator.hpp"
#include "parity/fuzz/shrinker.hpp"

namespace parity::fuzz {

/// Where the paths run: what `parity fuzz` and `parity shrink` share with `parity replay`.
struct RunOptions {
    std::filesystem::path corpus;
    std::optional<std::string> reference;  // "module:attribute"; default: the manifest's
    std::optional<std::string> candidate;
    std::optional<std::filesystem::path> rules_file;
    unsigned jobs = 1;
    std::chrono::milliseconds timeout{10'000};               // per path per input
    std::vector<std::filesystem::path> python_path;          // --python-path, in order
    std::vector<std::filesystem::path> default_python_path;  // after those: the build tree's
    std::filesystem::path python_executable;                 // empty: embedded
    std::vector<std::string> allowed_modules;                // --allow-modules; empty: any
    bool quiet = false;
};

/// Everything `parity fuzz` was asked to do (docs/fuzz.md).
struct FuzzOptions {
    RunOptions run;
    std::uint64_t seed = 1;
    std::chrono::milliseconds time{600'000};  // search time; shrinking comes after
    std::optional<std::uint64_t> max_runs;    // mutants run, at most
    std::size_t max_findings = 20;            // distinct findings; the search stops at this many
    int max_stacked_mutations = 3;            // each mutant: 1 to this many mutations of one input
    std::size_t max_seeds = 5000;             // corpus requests read as starting points
    bool shrink = true;
    ShrinkLimits shrink_limits;
    MutatorLimits mutator_limits;
    std::optional<std::filesystem::path> out;  // default: reports/fuzz-<corpus>-<timestamp>
};

/// Everything `parity shrink` was asked to do.
struct ShrinkOptions {
    RunOptions run;
    std::optional<std::filesystem::path> repro;  // a repro bundle folder
    std::optional<std::string> request_id;       // with run.corpus: the request to shrink
    ShrinkLimits limits;
    std::optional<std::filesystem::path> out;  // default: reports/shrink-<id>-<timestamp>
};

}  // namespace parity::fuzz
