#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "parity/replay/shard.hpp"

namespace parity::replay {

/// Everything `parity replay` was asked to do (see replay_command.cpp for the flags).
struct ReplayOptions {
    std::filesystem::path corpus;
    std::optional<std::string> reference;  // "module:attribute"; default: the manifest's
    std::optional<std::string> candidate;
    // --baseline: a third path, the build that is live now, in worker processes of their own whose
    // sys.path starts with --baseline-path (so that two builds of one module name coexist).
    std::optional<std::string> baseline;
    std::vector<std::filesystem::path> baseline_path;
    std::optional<std::filesystem::path> rules_file;
    unsigned jobs = 1;
    std::chrono::milliseconds timeout{10'000};  // per request, per path
    std::optional<std::uint64_t> limit;         // replay at most this many requests
    std::optional<std::string> request_id;      // replay only this one
    Shard shard;
    std::optional<std::filesystem::path> out;   // default: reports/<corpus>-<timestamp>/
    bool strict = false;                        // skipped input is a failure
    std::optional<int> noise_runs;              // default: 1 for small corpora, else 0
    std::uint64_t seed = 1;                     // randomised path order per request
    std::vector<std::filesystem::path> python_path;          // --python-path, in order
    std::vector<std::filesystem::path> default_python_path;  // after those: the build tree's, if any
    /// --python: the interpreter the workers run in; empty: Python embedded in each worker process
    /// (workers::PoolConfig::python_executable).
    std::filesystem::path python_executable;
    std::size_t examples_per_field = 3;
    // Latency (docs/latency.md).
    std::size_t warmup = 3;              // per worker: first jobs compared but not timed
    std::size_t repeat = 1;              // timed runs of each request (the first is also compared)
    bool pin_cpus = false;
    bool trace_python_memory = false;    // tracemalloc per path (slows the Python path)
    std::size_t bootstrap_resamples = 2000;
    std::optional<std::string> ported_stage;  // --ported-stage: the stage whose port "stages" bounds
    bool progress_bar = true;  // only ever drawn on a terminal
    bool quiet = false;
    // Trust and integrity (docs/replay.md).
    bool allow_incomplete = false;             // replay past missing segments, the report marked incomplete
    std::vector<std::string> allowed_modules;  // --allow-modules: adapter module prefixes; empty: any
    // Caps that keep memory and the report folder bounded (docs/replay.md, "Bounded reports"): a value
    // beyond one is sent or written as its summary (length, sha256, head, tail).
    std::size_t max_output_depth = 128;                        // a worker's output, nesting
    std::uint64_t max_output_bytes = std::uint64_t{16} << 20;  // a worker's output, per path
    std::uint64_t max_value_bytes = std::uint64_t{64} << 10;   // one value written
    std::size_t max_written_depth = 64;                        // nesting of a value written
    std::uint64_t max_bundle_bytes = std::uint64_t{8} << 20;   // one repro bundle
    std::uint64_t max_report_bytes = std::uint64_t{64} << 20;  // report.json
};

}  // namespace parity::replay
