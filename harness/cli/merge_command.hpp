#pragma once

#include <CLI/CLI.hpp>

#include <filesystem>
#include <memory>
#include <vector>

#include "parity/harness/exit_codes.hpp"

namespace parity::cli {

struct MergeOptions {
    std::vector<std::filesystem::path> shard_dirs;
    std::filesystem::path out;
    bool allow_partial = false;
};

/// Registers `parity merge DIR... --out DIR`.
std::shared_ptr<MergeOptions> setup_merge(CLI::App& app);

/// Merges shard reports into one (report.json and the files derived from it).
harness::ExitCode run_merge(const MergeOptions& options);

}  // namespace parity::cli
