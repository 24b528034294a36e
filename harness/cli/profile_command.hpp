#pragma once

#include <CLI/CLI.hpp>

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "parity/harness/exit_codes.hpp"

namespace parity::cli {

struct ProfileOptions {
    std::optional<std::filesystem::path> corpus;   // corpus mode, with a handler adapter
    std::optional<std::string> handler;
    std::optional<std::size_t> limit;
    std::vector<std::filesystem::path> compare;    // compare mode: before, after
    std::vector<std::string> program;              // command mode: what follows `--`
    std::optional<std::filesystem::path> out;
    double interval_ms = 5.0;
    bool memory = false;
};

/// Registers `parity profile`. Arguments after `--` are the profiled command line; main() hands
/// them over in `program` because they must not be parsed as parity's own options.
std::shared_ptr<ProfileOptions> setup_profile(CLI::App& app);

/// Runs the Python profiler (python3 -m parity.profiling) in place of this process, so the profiled
/// program's exit code is parity's. Returns only on a usage error.
harness::ExitCode run_profile(const ProfileOptions& options);

}  // namespace parity::cli
